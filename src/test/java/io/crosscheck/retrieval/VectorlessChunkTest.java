package io.crosscheck.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A chunk whose stored vector another embedding model made is indexed without a vector until it is embedded again:
 * it is found by its words, never by a vector of another model or dimension.
 */
class VectorlessChunkTest {

    private static IndexedChunk chunk(long id, String articleId, String text, float[] vector) {
        return new IndexedChunk(id, articleId, null, null, null, null, 0, 0, text.length(), text, vector);
    }

    @Test
    void aChunkWithoutAVectorIsFoundByItsWordsOnly() throws Exception {
        try (ChunkIndex index = new ChunkIndex()) {
            index.putArticle("current", List.of(chunk(1, "current", "The bridge reopens after 14 weeks of repairs.",
                    new float[] { 1f, 0f })));
            index.putArticle("stale", List.of(chunk(2, "stale", "Ferry crossings resume on Monday.", null)));

            assertEquals(List.of(1L), index.dense(new float[] { 0.5f, 0.5f }, 10), "only vectors of the current model");
            ChunkIndex.Hit stale = index.search("ferry crossings", new float[] { 0.5f, 0.5f }, 10, 60, 2).stream()
                    .filter(hit -> hit.chunk().chunkId() == 2).findFirst().orElseThrow();
            assertEquals(1, stale.lexicalRank(), "the stale chunk is found by its words");
            assertEquals(0, stale.denseRank(), "and not by its vector");
        }
    }

    @Test
    void anIndexOfVectorlessChunksTakesTheDimensionOfTheFirstNewVector() throws Exception {
        try (ChunkIndex index = new ChunkIndex()) {
            index.putArticle("a", List.of(chunk(1, "a", "Dredging of the harbour takes 14 weeks.", null)));
            // re-embedded by a model of three dimensions (the old model's vectors never entered the index)
            index.putArticle("a", List.of(chunk(1, "a", "Dredging of the harbour takes 14 weeks.", new float[] { 0f, 1f, 0f })));

            assertEquals(List.of(1L), index.dense(new float[] { 0f, 1f, 0f }, 10));
        }
    }
}
