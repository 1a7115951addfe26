package io.crosscheck.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recognises API keys among bearer tokens. smallrye-jwt's mechanism is the one that reads {@code Authorization: Bearer};
 * it hands the token to the identity providers by priority, so this one, ranked above smallrye-jwt's validator, sees it
 * first and answers nothing (null) for a token that is not a known key, which then goes on to be verified as a JWT.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final ApiKeys keys;

    public ApiKeyIdentityProvider(Credentials credentials) {
        this.keys = credentials.apiKeys();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Above smallrye-jwt's validator, which keeps the default priority. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(keys.match(request.getToken().getToken())
                .<SecurityIdentity> map(match -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(match.name()))
                        .addRole(match.role())
                        .addCredential(request.getToken())
                        .build())
                .orElse(null));
    }
}
