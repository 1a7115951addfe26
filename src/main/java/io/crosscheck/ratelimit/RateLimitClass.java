package io.crosscheck.ratelimit;

import java.util.Locale;

import io.crosscheck.config.CrosscheckConfig;

/** The classes of endpoint that are rate limited, each with its own budget per caller. */
public enum RateLimitClass {
    CHAT, SEARCH, INGEST;

    CrosscheckConfig.RateLimit.Limit limit(CrosscheckConfig.RateLimit config) {
        return switch (this) {
            case CHAT -> config.chat();
            case SEARCH -> config.search();
            case INGEST -> config.ingest();
        };
    }

    /** The name used in the problem detail, the metric tag and the configuration key. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
