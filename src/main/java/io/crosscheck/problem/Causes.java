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

    /** The database could not be reached (SQL state class 08, or Hibernate's connection exception). */
    public static boolean isDatabaseDown(Throwable e) {
        if (find(e, org.hibernate.exception.JDBCConnectionException.class) != null) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
