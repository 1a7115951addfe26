package io.crosscheck.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.problem.DatabaseFault;
import io.crosscheck.problem.DatabaseFaultSeen;
import io.crosscheck.problem.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What the service knows about its database's health: whether it can be reached and whether it takes writes. A fault
 * is learnt from the first request or job that meets it; from then on writes are refused at once with 503 (so that a
 * full or read-only database is not written to again and again, which would make the embedded one close itself each
 * time), reads go on where the database serves them, and a probe retries a real write until it succeeds. Every
 * recovery re-establishes the pool's connections, so nothing needs a restart once the cause is fixed.
 */
@ApplicationScoped
public class DatabaseStatus {

    /**
     * Free space the embedded database's disk must have again before a write is tried: H2 appends whole chunks (the
     * failed writes seen on a full disk were 4 KB to 200 KB), so a few megabytes keep the probe from failing, and so
     * closing the database, on the last bytes.
     */
    static final long MIN_FREE_BYTES = 16L * 1024 * 1024;

    private static final Pattern H2_FILE = Pattern.compile("^jdbc:h2:(?:file:)?([^;:][^;]*)");

    /** A fault and when it was first seen. */
    public record State(DatabaseFault fault, Instant since, String cause) {
    }

    private final AgroalDataSource dataSource;
    private final CrosscheckConfig.Database config;
    private final Optional<Path> embeddedFile;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "database-probe"));
    private volatile State state;

    public DatabaseStatus(AgroalDataSource dataSource, CrosscheckConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl) {
        this.dataSource = dataSource;
        this.config = config.database();
        this.embeddedFile = jdbcUrl.flatMap(DatabaseStatus::embeddedFile);
        Gauge.builder("crosscheck.database.writable", () -> state == null ? 1 : 0)
                .description("1 when the database takes writes, 0 when it is unreachable, read-only or full").register(registry);
        for (DatabaseFault fault : DatabaseFault.values()) {
            Gauge.builder("crosscheck.database.fault", () -> state != null && state.fault() == fault ? 1 : 0)
                    .tag("reason", fault.reason()).description("1 while the database has this fault").register(registry);
        }
    }

    void onStart(@Observes StartupEvent event) {
        long every = config.probeInterval().toMillis();
        prober.scheduleWithFixedDelay(this::probeIfFaulty, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        prober.shutdownNow();
    }

    void onFault(@Observes DatabaseFaultSeen seen) {
        report(seen.fault(), seen.failure());
    }

    /** Records the database fault behind a failure, if it was one; returns it. */
    public Optional<DatabaseFault> report(Throwable failure) {
        Optional<DatabaseFault> fault = DatabaseFault.of(failure);
        fault.ifPresent(f -> report(f, failure));
        return fault;
    }

    /** The current fault, or empty when the database is healthy as far as anything has seen. */
    public Optional<State> state() {
        return Optional.ofNullable(state);
    }

    public boolean writable() {
        return state == null;
    }

    /**
     * Waits until the database takes writes again, for background work paused by a fault; false when the waiting
     * thread is interrupted (the service is stopping).
     */
    private boolean awaitWritable() {
        while (state != null) {
            try {
                Thread.sleep(config.probeInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * When a background job failed because of the database, runs it again on its worker once the database takes writes,
     * and says so (true); any other failure is the caller's to handle (false).
     */
    public boolean retryWhenWritable(RuntimeException failure, ExecutorService worker, Runnable job) {
        if (report(failure).isEmpty()) {
            return false;
        }
        worker.submit(() -> {
            if (awaitWritable()) {
                job.run();
            }
        });
        return true;
    }

    /** Refuses a write with 503 and Retry-After while the database is known not to take one. */
    public void requireWritable() {
        State current = state;
        if (current != null) {
            throw ProblemException.unavailable(current.fault());
        }
    }

    /**
     * Checks that a connection can be had and is valid (for the readiness check, which is how an idle service notices
     * that its database went away); a failure is recorded as a fault.
     */
    public Optional<State> check() {
        State current = state;
        if (current != null && current.fault() == DatabaseFault.UNREACHABLE) {
            return Optional.of(current);
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) config.probeInterval().toSeconds() + 1)) {
                report(DatabaseFault.UNREACHABLE, new SQLException("connection is not valid", "08006"));
            } else if (current == null && connection.isReadOnly()) {
                // H2 opens a file it may not write read-only, and says so here before any write has failed
                report(DatabaseFault.READ_ONLY, new SQLException("the database was opened read-only", "25006"));
            }
        } catch (SQLException e) {
            report(DatabaseFault.of(e).orElse(DatabaseFault.UNREACHABLE), e);
        }
        return state();
    }

    private synchronized void report(DatabaseFault fault, Throwable failure) {
        if (state == null || state.fault() != fault) {
            Log.warnf("Database fault: %s (%s); writes are refused with 503 until a probe write succeeds", fault.detail(),
                    describe(failure));
            state = new State(fault, Instant.now(), describe(failure));
        }
        // connections that met the fault may be dead (a restarted server, an embedded database that closed itself)
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }

    /** Tries a real write while a fault is known; clears the fault when it succeeds. */
    void probeIfFaulty() {
        State current = state;
        if (current == null || !embeddedFileLooksWritable()) {
            return;
        }
        if (current.fault() != DatabaseFault.UNREACHABLE && embeddedFile.isPresent()) {
            // an embedded database opened read-only stays so until every connection to it is closed
            dataSource.flush(AgroalDataSource.FlushMode.ALL);
        }
        try {
            probeWrite();
            synchronized (this) {
                state = null;
            }
            Log.infof("Database takes writes again after %s since %s", current.fault().detail(), current.since());
        } catch (SQLException | RuntimeException e) {
            if (report(e).isEmpty()) {
                Log.warnf("Database probe failed: %s", describe(e));
            }
        }
    }

    private void probeWrite() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "update database_probe set checked_at = ? where id = 1")) {
                update.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                update.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * For the embedded database, whether its file could take a write again (writable, with room on its disk): trying
     * one before would fail and close the database once more. A server database is always probed.
     */
    private boolean embeddedFileLooksWritable() {
        if (embeddedFile.isEmpty()) {
            return true;
        }
        Path file = embeddedFile.get();
        try {
            return Files.isWritable(file) && Files.getFileStore(file).getUsableSpace() >= MIN_FREE_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    static Optional<Path> embeddedFile(String jdbcUrl) {
        Matcher m = H2_FILE.matcher(jdbcUrl);
        if (!m.find() || jdbcUrl.startsWith("jdbc:h2:mem:") || jdbcUrl.startsWith("jdbc:h2:tcp:")
                || jdbcUrl.startsWith("jdbc:h2:ssl:")) {
            return Optional.empty();
        }
        String path = m.group(1).startsWith("~") ? System.getProperty("user.home") + m.group(1).substring(1) : m.group(1);
        return Optional.of(Path.of(path + ".mv.db").toAbsolutePath());
    }

    /** The words of whatever showed the fault (H2's "No space left on device", PostgreSQL's message), else the root. */
    private static String describe(Throwable failure) {
        Throwable shown = DatabaseFault.evidence(failure).map(DatabaseFault.Evidence::shownBy).orElse(failure);
        while (shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown.getClass().getSimpleName() + ": " + String.valueOf(shown.getMessage()).lines().findFirst().orElse("");
    }
}
