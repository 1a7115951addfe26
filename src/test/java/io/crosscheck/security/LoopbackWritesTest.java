package io.crosscheck.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URL;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * No key configured: the same write passes the access rules from loopback and is refused from this machine's own
 * non-loopback address, which makes the test a real non-loopback peer. Forwarded headers claiming loopback change
 * nothing. A second application start in the test JVM cannot embed (the model's native library is loaded once per
 * JVM), so passing is shown by the resource's own answer: 400 for an empty article, 404 for an unknown one.
 */
@QuarkusTest
@TestProfile(LoopbackWritesTest.AllInterfaces.class)
class LoopbackWritesTest {

    /** Tests listen on localhost only; this one listens everywhere, as the packaged service does. */
    public static class AllInterfaces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.host", "0.0.0.0");
        }
    }


    @TestHTTPResource("/")
    URL service;

    @Test
    void withoutKeysAWriteFromLoopbackIsAccepted() {
        given().contentType(ContentType.JSON).post("/api/articles").then().statusCode(400)
                .body("title", equalTo("Empty article"));
        given().delete("/api/articles/no-such-article").then().statusCode(404);
    }

    @Test
    void withoutKeysAWriteFromAnotherAddressIsRefusedWhateverItsHeadersClaim() {
        String address = nonLoopbackAddress().map(InetAddress::getHostAddress).orElse(null);
        Assumptions.assumeTrue(address != null, "no non-loopback IPv4 address on this machine");
        String base = "http://" + address + ":" + service.getPort();
        given().baseUri(base).header("X-Forwarded-For", "127.0.0.1").header("Forwarded", "for=127.0.0.1")
                .header("X-Real-IP", "127.0.0.1").contentType(ContentType.JSON).post("/api/articles")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("only from the machine the service runs on"));
        given().baseUri(base).delete("/api/articles/no-such-article").then().statusCode(403);
        given().baseUri(base).get("/api/articles/000_ba596d50097fc4ee").then().statusCode(200);
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces().filter(LoopbackWritesTest::up)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean up(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
