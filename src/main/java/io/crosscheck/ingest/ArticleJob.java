package io.crosscheck.ingest;

/** The payload of an article ingestion job: the article as it arrived, and whether it may replace a stored one. */
record ArticleJob(ArticleInput input, boolean replace) {
}
