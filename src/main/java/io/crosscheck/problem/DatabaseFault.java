package io.crosscheck.problem;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Why the database cannot serve a request, read from a failure's cause chain. Every rule that recognises a database
 * fault lives here, for both databases the service runs on (SQL states and H2 error codes as the drivers report them;
 * the H2 ones were read off H2 2.4.240 on a full tmpfs and on a file opened with {@code chattr +i}).
 */
public enum DatabaseFault {

    /** No connection: the server is down or restarting, or the embedded database was closed after a failed write. */
    UNREACHABLE("unreachable", "the database cannot be reached"),
    /** Connected, but the database refuses writes: reads are still served. */
    READ_ONLY("read-only", "the database is read-only"),
    /** Connected, but the disk holding the database is full: reads are still served. */
    FULL("disk-full", "the database's disk is full");

    /**
     * What a refused client is told to wait: about one probe of the database ({@code crosscheck.database.probe-interval}
     * defaults to 5 s), so a retry lands after the service has had a chance to notice the recovery.
     */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** H2: "The database is read only" (a file opened without write permission). */
    private static final int H2_READ_ONLY = 90097;
    /** H2: "The database has been closed" (after a failed write the embedded database closes itself). */
    private static final int H2_CLOSED = 90098;
    /** PostgreSQL: read_only_sql_transaction (a standby, or default_transaction_read_only). */
    private static final String PG_READ_ONLY = "25006";
    /** PostgreSQL class 53: insufficient resources (53100 disk_full, 53200 out_of_memory, 53300 too_many_connections). */
    private static final String PG_INSUFFICIENT_RESOURCES = "53";
    /** PostgreSQL 57P01-57P03: admin shutdown, crash shutdown, cannot connect now (starting up). */
    private static final String PG_SHUTTING_DOWN = "57P0";
    /** SQL standard class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION = "08";
    /** The connection pool (Agroal) gives up waiting for a connection with this message and no SQL state. */
    private static final String POOL_TIMEOUT = "acquisition timeout";
    /** The operating system's words for a full disk and a read-only file system (errno ENOSPC, EROFS). */
    private static final String NO_SPACE = "No space left on device";
    private static final String READ_ONLY_FS = "Read-only file system";

    private final String reason;
    private final String detail;

    DatabaseFault(String reason, String detail) {
        this.reason = reason;
        this.detail = detail;
    }

    /** The fault as the API, the readiness data and the metrics name it. */
    public String reason() {
        return reason;
    }

    /** A sentence for a problem body. */
    public String detail() {
        return detail;
    }

    /** True when reads are still served: only writes are refused. */
    public boolean readsServed() {
        return this != UNREACHABLE;
    }

    /**
     * The database fault behind a failure, if any. Suppressed exceptions are read too: the transaction manager reports
     * a failed commit as "could not commit" with the driver's exception suppressed, not as its cause.
     */
    public static Optional<DatabaseFault> of(Throwable failure) {
        return evidence(failure).map(Evidence::fault);
    }

    /** A fault with the exception that showed it (the driver's or the operating system's words, for logs and health). */
    public record Evidence(DatabaseFault fault, Throwable shownBy) {
    }

    /** The fault behind a failure and the exception in its chain that shows it. */
    public static Optional<Evidence> evidence(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Optional<DatabaseFault> own = t instanceof SQLException sql ? ofSql(sql)
                    : t instanceof IOException io ? ofIo(io)
                    : t instanceof JDBCConnectionException ? Optional.of(UNREACHABLE) : Optional.empty();
            Throwable shownBy = t;
            Optional<Evidence> found = own.map(fault -> new Evidence(fault, shownBy));
            for (Throwable suppressed : t.getSuppressed()) {
                found = found.or(() -> evidence(suppressed));
            }
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<DatabaseFault> ofSql(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e.getErrorCode() == H2_READ_ONLY || state.equals(PG_READ_ONLY)) {
            return Optional.of(READ_ONLY);
        }
        if (state.startsWith(PG_INSUFFICIENT_RESOURCES)) {
            return Optional.of(FULL);
        }
        if (e.getErrorCode() == H2_CLOSED || state.startsWith(CONNECTION_EXCEPTION) || state.startsWith(PG_SHUTTING_DOWN)
                || state.isEmpty() && e.getMessage() != null && e.getMessage().contains(POOL_TIMEOUT)) {
            return Optional.of(UNREACHABLE);
        }
        return Optional.empty();
    }

    private static Optional<DatabaseFault> ofIo(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.contains(NO_SPACE) ? Optional.of(FULL)
                : message.contains(READ_ONLY_FS) ? Optional.of(READ_ONLY) : Optional.empty();
    }
}
