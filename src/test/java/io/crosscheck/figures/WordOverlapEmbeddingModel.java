package io.crosscheck.figures;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/**
 * A deterministic stand-in for the embedding model: texts are similar exactly as far as they share words. Words given
 * as synonyms count as the same word, to stand for words the real model finds alike ("dogs" and "zebras" are both
 * animals to bge-small).
 */
final class WordOverlapEmbeddingModel implements EmbeddingModel {

    private static final int DIMENSIONS = 512;

    private final Map<String, String> synonyms;

    WordOverlapEmbeddingModel() {
        this(Map.of());
    }

    WordOverlapEmbeddingModel(Map<String, String> synonyms) {
        this.synonyms = synonyms;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return Response.from(segments.stream().map(s -> vectorOf(s.text())).toList());
    }

    private Embedding vectorOf(String text) {
        float[] vector = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isBlank()) {
                vector[Math.floorMod(synonyms.getOrDefault(word, word).hashCode(), DIMENSIONS)] += 1;
            }
        }
        return Embedding.from(vector);
    }
}
