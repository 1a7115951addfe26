package io.crosscheck.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.problem.ProblemException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Applies {@link AccessRules} to every {@code /api} request before its resource runs. Slack's endpoints are outside
 * {@code /api}: Slack signs its requests and {@code SlackRequestVerifier} checks them.
 */
public class AccessFilter {

    private final CurrentIdentityAssociation identities;
    private final AccessRules rules;

    public AccessFilter(CurrentIdentityAssociation identities, Credentials credentials, CrosscheckConfig config) {
        this.identities = identities;
        this.rules = new AccessRules(credentials.anyConfigured(), config.security().readRequiresAuth());
    }

    /** First of the request filters: a refused caller is told so before anything else is counted or done. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> check(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        String method = request.getMethod();
        Optional<AccessRules.Refusal> crossOrigin = AccessRules.crossOrigin(method, request.getHeaderString("Origin"),
                request.getHeaderString(HttpHeaders.HOST), request.getHeaderString("Sec-Fetch-Site"));
        if (crossOrigin.isPresent()) {
            return Uni.createFrom().item(refuse(crossOrigin.get(), path));
        }
        boolean loopback = isLoopback(http.connection().remoteAddress());
        return identities.getDeferredIdentity()
                .map(identity -> rules.check(method, path, caller(identity), loopback).map(r -> refuse(r, path)).orElse(null))
                .onFailure(AuthenticationFailedException.class).recoverWithItem(() -> refuse(new AccessRules.Refusal(401,
                        "Unauthorized", "the bearer token is neither a known API key nor a valid JWT"), path));
    }

    /** The socket's peer, never a forwarded header: a client can write any header it likes. */
    static boolean isLoopback(SocketAddress peer) {
        if (peer == null || peer.hostAddress() == null) {
            return false;
        }
        try {
            // an IP literal: no name lookup happens
            return InetAddress.getByName(peer.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static AccessRules.Caller caller(SecurityIdentity identity) {
        return new AccessRules.Caller(identity.isAnonymous(), identity.getRoles());
    }

    private static Response refuse(AccessRules.Refusal refusal, String path) {
        Response response = new ProblemException(refusal.status(), refusal.title(), refusal.detail()).response(path);
        return refusal.challenge()
                ? Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"crosscheck\"").build()
                : response;
    }
}
