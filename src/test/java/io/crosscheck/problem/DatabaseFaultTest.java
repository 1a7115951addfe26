package io.crosscheck.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jakarta.persistence.PersistenceException;

/** The failures H2 and PostgreSQL report for each fault, as their drivers word them. */
class DatabaseFaultTest {

    @Test
    void h2OnAFullDiskFailsAGeneralErrorCausedByNoSpace() {
        // as H2 2.4.240 reported it on a full tmpfs: SQL state HY000, code 50000, then MVStoreException, then ENOSPC
        Exception failure = new PersistenceException(new SQLException("General error: Writing to channel failed", "HY000",
                50000, new RuntimeException("Writing to channel failed", new IOException("No space left on device"))));
        assertEquals(Optional.of(DatabaseFault.FULL), DatabaseFault.of(failure));
    }

    @Test
    void aFailedCommitIsReadFromTheSuppressedDriverException() {
        // Narayana: RollbackException "Could not commit transaction", the XAException with the driver's cause suppressed
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        Exception xa = new IllegalStateException("Error trying to transactionCommit local transaction",
                new SQLException("General error", "HY000", 50000, new IOException("No space left on device")));
        rollback.addSuppressed(xa);
        assertEquals(Optional.of(DatabaseFault.FULL), DatabaseFault.of(new RuntimeException(rollback)));
        assertEquals("No space left on device",
                DatabaseFault.evidence(new RuntimeException(rollback)).orElseThrow().shownBy().getMessage());
    }

    @Test
    void h2ClosedAfterAFailedWriteIsUnreachableUntilReopened() {
        assertEquals(Optional.of(DatabaseFault.UNREACHABLE),
                DatabaseFault.of(new SQLException("The database has been closed", "90098", 90098)));
    }

    @Test
    void readOnlyOnBothDatabases() {
        assertEquals(Optional.of(DatabaseFault.READ_ONLY), DatabaseFault.of(new SQLException("read only", "90097", 90097)));
        assertEquals(Optional.of(DatabaseFault.READ_ONLY),
                DatabaseFault.of(new SQLException("cannot execute INSERT in a read-only transaction", "25006")));
        assertEquals(Optional.of(DatabaseFault.READ_ONLY), DatabaseFault.of(new IOException("Read-only file system")));
    }

    @Test
    void postgresqlDiskFullAndShutdown() {
        assertEquals(Optional.of(DatabaseFault.FULL), DatabaseFault.of(new SQLException("could not extend file", "53100")));
        assertEquals(Optional.of(DatabaseFault.UNREACHABLE),
                DatabaseFault.of(new SQLException("terminating connection due to administrator command", "57P01")));
        assertEquals(Optional.of(DatabaseFault.UNREACHABLE), DatabaseFault.of(new SQLException("Connection refused", "08001")));
    }

    @Test
    void thePoolGivingUpIsUnreachable() {
        assertEquals(Optional.of(DatabaseFault.UNREACHABLE), DatabaseFault.of(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void constraintViolationsAndProgrammingErrorsAreNotDatabaseFaults() {
        assertEquals(Optional.empty(), DatabaseFault.of(new SQLException("duplicate key", "23505")));
        assertEquals(Optional.empty(), DatabaseFault.of(new IllegalStateException("bug")));
        assertEquals(Optional.empty(), DatabaseFault.of(new IOException("Broken pipe")));
    }
}
