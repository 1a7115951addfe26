package io.crosscheck.problem;

/** The one rule for page parameters of every list endpoint: a valid page number and size. */
public record Paging(int page, int size) {

    /** Largest page any list endpoint returns. */
    public static final int MAX_PAGE_SIZE = 200;
    /** Past this page number a page would start beyond any corpus this service holds (and beyond an int offset). */
    public static final int MAX_PAGE = 1_000_000;

    /** Reads {@code page} (default 0) and {@code size} (default {@code defaultSize}) as the client sent them. */
    public static Paging of(String page, String size, int defaultSize) {
        Integer number = QueryParams.wholeNumber("page", page);
        Integer length = QueryParams.wholeNumber("size", size);
        return new Paging(number == null ? 0 : number, length == null ? defaultSize : length);
    }

    public Paging {
        if (page < 0 || page > MAX_PAGE) {
            throw new ProblemException(400, "Invalid page", "page must be between 0 and " + MAX_PAGE + "; got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemException(400, "Invalid page", "size must be between 1 and " + MAX_PAGE_SIZE + "; got " + size);
        }
    }
}
