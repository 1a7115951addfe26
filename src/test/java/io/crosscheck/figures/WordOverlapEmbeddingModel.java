package io.crosscheck.figures;

import java.util.List;
import java.util.Locale;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/** A deterministic stand-in for the embedding model: texts are similar exactly as far as they share words. */
final class WordOverlapEmbeddingModel implements EmbeddingModel {

    private static final int DIMENSIONS = 512;

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return Response.from(segments.stream().map(s -> vectorOf(s.text())).toList());
    }

    private static Embedding vectorOf(String text) {
        float[] vector = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isBlank()) {
                vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
            }
        }
        return Embedding.from(vector);
    }
}
