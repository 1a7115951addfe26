package io.crosscheck.ratelimit;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.crosscheck.config.CrosscheckConfig;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One SmallRye Fault Tolerance rate limit per caller and class of endpoint. The limits live in bounded caches: a caller
 * idle for a whole window has nothing left to count, so forgetting it changes no decision, and the least recently seen
 * callers are forgotten first when more than {@code crosscheck.rate-limit.max-callers} are active.
 */
@ApplicationScoped
public class RateLimitService {

    private final Map<RateLimitClass, CrosscheckConfig.RateLimit.Limit> limits = new EnumMap<>(RateLimitClass.class);
    private final Map<RateLimitClass, Cache<String, Guard>> callers = new EnumMap<>(RateLimitClass.class);

    public RateLimitService(CrosscheckConfig config) {
        CrosscheckConfig.RateLimit rateLimit = config.rateLimit();
        for (RateLimitClass type : RateLimitClass.values()) {
            CrosscheckConfig.RateLimit.Limit limit = type.limit(rateLimit);
            limits.put(type, limit);
            callers.put(type, Caffeine.newBuilder().maximumSize(rateLimit.maxCallers())
                    .expireAfterAccess(limit.window()).build());
        }
    }

    /** Admits one request of the caller (empty), or says how long until its next request would be admitted. */
    public Optional<Duration> tryAcquire(RateLimitClass type, String caller) {
        Guard guard = callers.get(type).get(caller, key -> newGuard(limits.get(type)));
        try {
            guard.get(() -> Boolean.TRUE, Boolean.class);
            return Optional.empty();
        } catch (RateLimitException e) {
            return Optional.of(Duration.ofMillis(e.getRetryAfterMillis()));
        }
    }

    CrosscheckConfig.RateLimit.Limit limit(RateLimitClass type) {
        return limits.get(type);
    }

    /**
     * A fixed window, opened by the caller's first request: the whole budget is usable at once (a page that retries a
     * failed stream as a plain request must not be refused), and it costs one counter per caller, where a rolling
     * window keeps a timestamp per admitted request. SmallRye's smooth window admits no burst at all.
     */
    private static Guard newGuard(CrosscheckConfig.RateLimit.Limit limit) {
        return Guard.create()
                .withRateLimit().limit(limit.requests()).window(limit.window().toMillis(), ChronoUnit.MILLIS)
                .type(RateLimitType.FIXED).done()
                .build();
    }
}
