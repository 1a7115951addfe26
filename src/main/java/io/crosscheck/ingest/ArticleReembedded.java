package io.crosscheck.ingest;

import java.util.List;

/**
 * Fired inside the transaction that stores new vectors for an article's chunks (all of them now of the configured
 * embedding model): the text and the chunks are unchanged, so figures and stories are not derived again. Observers of
 * the {@code AFTER_SUCCESS} phase (the search index) see only committed vectors.
 */
public record ArticleReembedded(Article article, List<Chunk> chunks) {
}
