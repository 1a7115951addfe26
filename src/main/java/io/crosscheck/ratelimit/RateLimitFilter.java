package io.crosscheck.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

/**
 * Answers 429 with Retry-After once a caller has used its budget for a {@link RateLimited} endpoint. The caller is the
 * authenticated principal, or else the socket peer's address: never a forwarded header, which any client can write.
 */
public class RateLimitFilter {

    private final RateLimitService limits;
    private final CurrentIdentityAssociation identities;
    private final boolean enabled;
    private final Map<RateLimitClass, Counter> rejections = new EnumMap<>(RateLimitClass.class);

    public RateLimitFilter(RateLimitService limits, CurrentIdentityAssociation identities, CrosscheckConfig config,
            MeterRegistry registry) {
        this.limits = limits;
        this.identities = identities;
        this.enabled = config.rateLimit().enabled();
        for (RateLimitClass type : RateLimitClass.values()) {
            rejections.put(type, Counter.builder("crosscheck.rate.limit.rejections")
                    .description("Requests refused with 429 because their caller had used its budget")
                    .tag("class", type.key()).register(registry));
        }
    }

    /** After the access check, so that a bad credential is a 401 and only admitted callers use their budget. */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 1)
    public Uni<Response> limit(ResourceInfo resource, HttpServerRequest request) {
        RateLimited limited = enabled ? limitOf(resource) : null;
        if (limited == null) {
            return Uni.createFrom().nullItem();
        }
        String address = request.connection().remoteAddress().hostAddress();
        String path = request.path();
        return identities.getDeferredIdentity().map(identity -> admit(limited.value(), callerOf(identity, address), path));
    }

    private Response admit(RateLimitClass type, String caller, String path) {
        Optional<Duration> retryAfter = limits.tryAcquire(type, caller);
        if (retryAfter.isEmpty()) {
            return null;
        }
        rejections.get(type).increment();
        // whole seconds, rounded up: a client that waits exactly this long is admitted
        long seconds = Math.max(1, (retryAfter.get().toMillis() + 999) / 1000);
        CrosscheckConfig.RateLimit.Limit limit = limits.limit(type);
        return new ProblemException(429, "Too many requests", "at most " + limit.requests() + " " + type.key()
                + " requests per " + limit.window().toSeconds() + " s per caller; retry after " + seconds + " s",
                (int) seconds).response(path);
    }

    private static String callerOf(SecurityIdentity identity, String address) {
        return identity.isAnonymous() ? "address:" + address : "principal:" + identity.getPrincipal().getName();
    }

    private static RateLimited limitOf(ResourceInfo resource) {
        RateLimited onMethod = resource.getResourceMethod().getAnnotation(RateLimited.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(RateLimited.class);
    }
}
