package io.crosscheck.ingest;

/**
 * Fired synchronously inside the transaction that stores an article, so observers (figure extraction) persist
 * their derived rows atomically with it: if an observer fails, nothing of the article is kept.
 */
public record ArticleStored(Article article) {
}
