package io.crosscheck.problem;

/**
 * Numeric query parameters, read from their text. JAX-RS answers a query parameter that does not convert to its Java
 * type with a bare 404 (the specification requires it, and RESTEasy Reactive's parameter handler does so without
 * naming the parameter), so endpoints take such parameters as strings and parse them here into a 400 that says which
 * parameter was wrong.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** The parameter's value as an int, or null when it was not sent. */
    public static Integer wholeNumber(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(400, "Invalid parameter", name + " must be a whole number; got '" + shortened(value) + "'");
        }
    }

    /** Enough of a rejected value to recognise it, not an echo of whatever was sent. */
    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
