package io.crosscheck.security;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.crosscheck.config.CrosscheckConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Which credentials this service can check: its API keys, and JWTs when a JWKS location is configured. Only the location
 * counts, not an inline {@code mp.jwt.verify.publickey}: smallrye-jwt sets one of its own, an in-memory key nobody
 * outside holds, in dev and test runs.
 */
@ApplicationScoped
public class Credentials {

    private final ApiKeys apiKeys;
    private final Optional<String> jwksLocation;
    private final CrosscheckConfig.Security config;

    public Credentials(CrosscheckConfig config,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> jwksLocation) {
        this.config = config.security();
        this.apiKeys = ApiKeys.parse(config.security().apiKeys().orElse(List.of()));
        this.jwksLocation = jwksLocation.filter(s -> !s.isBlank());
    }

    /** Says at start who may write, so that an operator who forgot the keys sees it before anyone else does. */
    void announce(@Observes StartupEvent start) {
        if (!anyConfigured()) {
            Log.warn("No API key (crosscheck.security.api-keys) and no JWT verification key (mp.jwt.verify.publickey.location)"
                    + " is configured: articles may be ingested, replaced and deleted only by clients on this machine"
                    + " (loopback peers)" + (config.readRequiresAuth() ? ", and the API is usable only from loopback too" : "")
                    + ". Configure keys before exposing the service; see docs/security.md");
            return;
        }
        Log.infof("Authentication: %d API key(s)%s; reads %s", apiKeys.size(),
                jwksLocation.map(l -> ", JWTs verified with keys from " + l + " (roles from claim '" + config.jwt().rolesClaim() + "')")
                        .orElse(""),
                config.readRequiresAuth() ? "need a reader or editor" : "are open");
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** False when no caller could prove anything: then only the machine itself may write. */
    public boolean anyConfigured() {
        return !apiKeys.isEmpty() || jwksLocation.isPresent();
    }
}
