package io.crosscheck.ingest;

import java.util.List;

/**
 * Fired inside the transaction that stores an article. Synchronous observers (figure extraction, story assignment)
 * persist their derived rows atomically with it: if one fails, nothing of the article is kept. Observers of the
 * {@code AFTER_SUCCESS} phase (the search index, the analysis queue) see only committed articles.
 */
public record ArticleStored(Article article, List<Chunk> chunks) {
}
