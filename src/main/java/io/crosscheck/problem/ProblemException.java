package io.crosscheck.problem;

import jakarta.ws.rs.core.Response;

/** A request that cannot be served as sent; rendered as an RFC 9457 problem body with its status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    /** A refusal the client may retry: the response carries {@code Retry-After}. */
    public ProblemException(int status, String title, String detail, Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The database cannot serve the request for the given reason; the client should retry after a while. */
    public static ProblemException unavailable(DatabaseFault fault) {
        return new ProblemException(503, "Service unavailable", fault.detail() + "; try again shortly",
                DatabaseFault.RETRY_AFTER_SECONDS);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Seconds the client should wait before retrying, or null when retrying will not help. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * The refusal as a response: its problem body, with {@code Retry-After} when it has one. The exception mapper and
     * the request filters that refuse before a resource runs all answer through here.
     */
    public Response response(String instance) {
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, getMessage(), instance));
        if (retryAfterSeconds != null) {
            response.header("Retry-After", retryAfterSeconds);
        }
        return response.build();
    }
}
