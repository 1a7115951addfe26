package io.crosscheck.ingest;

/** Fired after an article and everything derived from it have been deleted. */
public record ArticleDeleted(String articleId) {
}
