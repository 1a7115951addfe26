package io.crosscheck.embedding;

/** Arithmetic on embedding vectors shared by the packages that compare them. */
public final class Vectors {

    private Vectors() {
    }

    /** Cosine similarity of two vectors of one model; 0 when either is all zeros. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }
}
