package io.crosscheck.problem;

/** The one rule for page parameters of every list endpoint. */
public final class Paging {

    /** Largest page any list endpoint returns. */
    public static final int MAX_PAGE_SIZE = 200;
    /** Past this page number a page would start beyond any corpus this service holds (and beyond an int offset). */
    public static final int MAX_PAGE = 1_000_000;

    private Paging() {
    }

    public static void check(int page, int size) {
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemException(400, "Invalid page", "page must be between 0 and " + MAX_PAGE
                    + " and size between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
