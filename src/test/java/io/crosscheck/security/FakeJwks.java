package io.crosscheck.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OIDC provider's JWKS endpoint on a local port, as Keycloak serves one, and the tokens it would sign. The signing
 * key travels to the test through a system property: the test and this resource may load in different class loaders.
 */
public class FakeJwks implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://idp.test/realms/crosscheck";
    static final String KEY_ID = "test-key";
    private static final String SIGNING_KEY = "fakejwks.signing-key";
    /** Where SecuredProfile's mp.jwt.verify.publickey.location points once this resource has started. */
    static final String LOCATION = "fakejwks.location";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        RsaJsonWebKey key = generate();
        System.setProperty(SIGNING_KEY, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        String jwks = new JsonWebKeySet(List.of(key)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/realms/crosscheck/protocol/openid-connect/certs", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Map.of(LOCATION, "http://127.0.0.1:" + server.getAddress().getPort()
                + "/realms/crosscheck/protocol/openid-connect/certs");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token as the provider would sign it, Keycloak-style: roles under realm_access.roles. */
    static String token(String subject, List<String> roles, long expiresInSeconds) {
        return sign(claims(subject, roles, expiresInSeconds), signingKey());
    }

    /** The same token signed by a key the provider never published under that key id. */
    static String tokenSignedByAnotherKey(String subject, List<String> roles) {
        RsaJsonWebKey other = generate();
        other.setKeyId(KEY_ID);
        return sign(claims(subject, roles, 300), other);
    }

    private static JwtClaims claims(String subject, List<String> roles, long expiresInSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 900));
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(expiresInSeconds);
        claims.setExpirationTime(expiry);
        claims.setClaim("preferred_username", subject);
        claims.setClaim("realm_access", Map.of("roles", roles));
        return claims;
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RsaJsonWebKey signingKey() {
        try {
            return (RsaJsonWebKey) JsonWebKey.Factory.newJwk(System.getProperty(SIGNING_KEY));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RsaJsonWebKey generate() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(KEY_ID);
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
