package io.crosscheck.retrieval;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: each ranking contributes {@code 1 / (k + rank)} for every item it holds. It needs no score
 * calibration between BM25 and cosine similarity, which live on unrelated scales.
 */
public final class RankFusion {

    /** One item's place in the fused ranking; a rank of 0 means the ranking did not hold it. */
    public record Fused(long id, double score, int lexicalRank, int denseRank) {
    }

    private RankFusion() {
    }

    public static List<Fused> fuse(List<Long> lexical, List<Long> dense, int k) {
        Map<Long, int[]> ranks = new HashMap<>();
        for (int i = 0; i < lexical.size(); i++) {
            ranks.computeIfAbsent(lexical.get(i), id -> new int[2])[0] = i + 1;
        }
        for (int i = 0; i < dense.size(); i++) {
            ranks.computeIfAbsent(dense.get(i), id -> new int[2])[1] = i + 1;
        }
        return ranks.entrySet().stream()
                .map(e -> new Fused(e.getKey(), contribution(e.getValue()[0], k) + contribution(e.getValue()[1], k),
                        e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingDouble(Fused::score).reversed().thenComparingLong(Fused::id))
                .toList();
    }

    private static double contribution(int rank, int k) {
        return rank == 0 ? 0 : 1.0 / (k + rank);
    }
}
