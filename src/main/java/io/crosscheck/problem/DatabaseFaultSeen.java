package io.crosscheck.problem;

/** A request failed because of the database: whoever watches the database's health hears of it at once. */
public record DatabaseFaultSeen(DatabaseFault fault, Throwable failure) {
}
