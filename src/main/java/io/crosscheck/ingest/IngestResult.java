package io.crosscheck.ingest;

/** The stored article and whether this call created it (false when identical content was already stored). */
public record IngestResult(Article article, boolean created) {
}
