package io.crosscheck.retrieval;

import java.time.LocalDate;

/**
 * What the search index keeps of a chunk to answer without a database round trip. {@code vector} is null while the
 * stored vector is another embedding model's.
 */
public record IndexedChunk(long chunkId, String articleId, String title, String outlet, String url,
        LocalDate publishedAt, int ordinal, int start, int end, String text, float[] vector) {
}
