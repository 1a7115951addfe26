package io.crosscheck.problem;

import java.sql.SQLException;

import org.hibernate.exception.ConstraintViolationException;

/** Reads a failure's cause chain: what went wrong underneath the wrappers of the transaction and ORM layers. */
public final class Causes {

    private Causes() {
    }

    /** The first throwable of the given type in the chain, or null. */
    public static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** A unique or other integrity constraint refused the write (SQL state class 23): a concurrent twin got there first. */
    public static boolean isConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Two transactions wanted each other's rows (SQL state 40001 serialization failure, H2's deadlock; 40P01,
     * PostgreSQL's deadlock): one was rolled back and may simply be sent again.
     */
    public static boolean isWriteConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
