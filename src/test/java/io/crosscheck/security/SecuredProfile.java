package io.crosscheck.security;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Keys and a JWT provider configured, reads closed: the deployment the manifests describe. */
public class SecuredProfile implements QuarkusTestProfile {

    public static final String EDITOR_KEY = "test-editor-key-5Jq9wX2p";
    public static final String READER_KEY = "test-reader-key-Hc4nV8tL";
    public static final String OTHER_READER_KEY = "test-reader-key-2-Rm7bK3sd";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("crosscheck.security.api-keys", EDITOR_KEY + ":editor," + READER_KEY + ":reader," + OTHER_READER_KEY + ":reader",
                "crosscheck.security.read-requires-auth", "true",
                "crosscheck.security.jwt.roles-claim", "realm_access/roles",
                // the port is known only once FakeJwks runs; a location visible at build time also keeps smallrye-jwt
                // from configuring its own in-memory dev key, which would take precedence over the JWKS
                "mp.jwt.verify.publickey.location", "${" + FakeJwks.LOCATION + ":http://127.0.0.1:9/not-started}",
                "mp.jwt.verify.issuer", FakeJwks.ISSUER);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeJwks.class));
    }
}
