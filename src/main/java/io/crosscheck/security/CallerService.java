package io.crosscheck.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/** Who is asking, as the owner recorded on what the caller creates. */
@ApplicationScoped
public class CallerService {

    private final SecurityIdentity identity;

    public CallerService(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The current caller's owner name, or null for an anonymous caller. A JWT's subject is unique only within its
     * issuer, hence both; an API key is named by a prefix of its hash.
     */
    public String owner() {
        if (identity.isAnonymous()) {
            return null;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return "jwt:" + jwt.getIssuer() + "#" + jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
