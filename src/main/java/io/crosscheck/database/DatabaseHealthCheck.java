package io.crosscheck.database;

import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * DOWN while the database cannot be reached; UP but {@code writable: false}, with the reason, while it is read-only or
 * full, because reads are still served then.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private final DatabaseStatus database;

    public DatabaseHealthCheck(DatabaseStatus database) {
        this.database = database;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<DatabaseStatus.State> state = database.check();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database")
                .status(state.map(s -> s.fault().readsServed()).orElse(true))
                .withData("writable", state.isEmpty());
        state.ifPresent(s -> response.withData("reason", s.fault().reason()).withData("since", s.since().toString())
                .withData("cause", s.cause()));
        return response.build();
    }
}
