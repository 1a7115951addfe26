package io.crosscheck.ingest;

/**
 * Fired inside the transaction that deletes or replaces an article, before its rows go, so that observers can undo
 * what they derived from it (its place in a story) atomically with the deletion. Observers of the
 * {@code AFTER_SUCCESS} phase see only committed deletions.
 */
public record ArticleRemoved(Article article) {
}
