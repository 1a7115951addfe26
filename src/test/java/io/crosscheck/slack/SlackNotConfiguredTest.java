package io.crosscheck.slack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(SlackNotConfiguredTest.NoSlack.class)
class SlackNotConfiguredTest {

    /** Without the fake Slack and its secrets: as deployed when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are unset. */
    public static class NoSlack implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void everySlackEndpointIsNotFound() {
        for (String path : new String[] { "/slack/events", "/slack/commands", "/slack/interactivity" }) {
            given().contentType("application/json").body("{\"type\":\"url_verification\",\"challenge\":\"c\"}")
                    .header(SlackResource.TIMESTAMP, "1").header(SlackResource.SIGNATURE, "v0=00").post(path).then()
                    .statusCode(404).contentType("application/problem+json").body("status", equalTo(404))
                    .body("detail", containsString("SLACK_SIGNING_SECRET")).body("instance", equalTo(path));
        }
    }
}
