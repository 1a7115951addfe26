package io.crosscheck.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The service's timers over one phase only: a registry added to the service's composite registry at the start of the
 * phase (meters registered earlier are bound to it too) and removed at its end, with percentiles that do not decay.
 */
final class PhaseMeters implements AutoCloseable {

    /** One timer over the phase; percentiles are those the service's timer publishes (0.5 and 0.95), if any. */
    record Stat(long count, double totalMs, double meanMs, double p50Ms, double p95Ms, double maxMs) {
        static final Stat NONE = new Stat(0, 0, 0, Double.NaN, Double.NaN, 0);
    }

    private final CompositeMeterRegistry composite;
    private final SimpleMeterRegistry phase = new SimpleMeterRegistry();

    PhaseMeters(MeterRegistry registry) {
        composite = registry instanceof CompositeMeterRegistry c ? c : Metrics.globalRegistry;
        phase.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder().expiry(Duration.ofHours(6)).bufferLength(1).build().merge(config);
            }
        });
        composite.add(phase);
    }

    Stat timer(String name) {
        Timer timer = phase.find(name).timer();
        if (timer == null || timer.count() == 0) {
            return Stat.NONE;
        }
        double p50 = Double.NaN;
        double p95 = Double.NaN;
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            if (v.percentile() == 0.5) {
                p50 = v.value(TimeUnit.MILLISECONDS);
            } else if (v.percentile() == 0.95) {
                p95 = v.value(TimeUnit.MILLISECONDS);
            }
        }
        return new Stat(timer.count(), timer.totalTime(TimeUnit.MILLISECONDS), timer.mean(TimeUnit.MILLISECONDS), p50, p95,
                timer.max(TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        composite.remove(phase);
    }
}
