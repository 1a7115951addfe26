package io.crosscheck.figures;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crosscheck.embedding.EmbeddingService;
import io.crosscheck.text.Hashes;
import jakarta.persistence.EntityManager;

/**
 * The embeddings of the phrases and sentences that measure grouping compares, stored per article at ingestion so
 * that analysing a story never runs the embedding model.
 */
final class FigureVectors {

    private FigureVectors() {
    }

    /** Every text grouping may embed for these figures: what each counts, and the sentence it stands in. */
    static List<String> textsOf(List<CorpusFigure> figures) {
        return figures.stream().flatMap(f -> java.util.stream.Stream.of(MeasureGrouper.ownPhrase(f), f.figure().sentence()))
                .filter(t -> t != null).distinct().toList();
    }

    static void save(EntityManager em, String articleId, String model, List<String> texts, List<float[]> vectors) {
        for (int i = 0; i < texts.size(); i++) {
            em.createNativeQuery("insert into figure_vector (article_id, text_hash, model, vector) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, articleId).setParameter(2, Hashes.sha256Hex(texts.get(i))).setParameter(3, model)
                    .setParameter(4, EmbeddingService.toBytes(vectors.get(i))).executeUpdate();
        }
    }

    static void deleteOf(EntityManager em, String articleId) {
        em.createNativeQuery("delete from figure_vector where article_id = ?1").setParameter(1, articleId).executeUpdate();
    }

    /** Stored vectors of the given articles made with {@code model}, by text hash. */
    static Map<String, float[]> load(EntityManager em, List<String> articleIds, String model) {
        Map<String, float[]> vectors = new HashMap<>();
        for (int from = 0; from < articleIds.size(); from += 500) {
            List<String> batch = articleIds.subList(from, Math.min(articleIds.size(), from + 500));
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                    "select text_hash, vector from figure_vector where model = ?1 and article_id in (?2)")
                    .setParameter(1, model).setParameter(2, batch).getResultList();
            rows.forEach(row -> vectors.put((String) row[0], EmbeddingService.toVector((byte[]) row[1])));
        }
        return vectors;
    }
}
