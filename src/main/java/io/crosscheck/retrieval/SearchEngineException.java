package io.crosscheck.retrieval;

/** The search engine could not be reached or refused a request; the service answers 503 rather than 500. */
public class SearchEngineException extends RuntimeException {

    public SearchEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
