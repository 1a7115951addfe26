package io.crosscheck.answer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crosscheck.embedding.EmbeddingService;
import io.crosscheck.figures.MeasureService;
import io.crosscheck.figures.MeasureVerdict;
import io.crosscheck.figures.ReportedFigure;
import io.crosscheck.text.Hashes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The embeddings a question is matched against for each measure: its label with the events it counts, and the
 * sentences its stated figures stand in. Sentence vectors are those stored at ingestion (embedded again only when
 * missing, e.g. after a change of model); a measure's vectors are cached by id and revision (its label, events and
 * sentences), so a regrouped or relabelled measure is embedded anew.
 */
@ApplicationScoped
public class MeasureVectors {

    /**
     * Measures whose vectors are kept, least recently used dropped first. A measure holds its label and a few
     * sentences, 384 floats each (bge-small): about 10 KB, so the cache stays under 20 MB.
     */
    static final int MAX_CACHED = 2000;

    /** A measure's vectors: its label's, and one per distinct sentence of its stated figures. */
    record Vectors(float[] label, List<float[]> sentences) {
    }

    private final EmbeddingService embeddings;
    private final MeasureService measures;
    private final Map<String, Vectors> cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Vectors> eldest) {
            return size() > MAX_CACHED;
        }
    });

    public MeasureVectors(EmbeddingService embeddings, MeasureService measures) {
        this.embeddings = embeddings;
        this.measures = measures;
    }

    public float[] question(String question) {
        return embeddings.embedQuery(question);
    }

    /** The vectors of each measure, by measure id. */
    public Map<String, Vectors> of(List<MeasureVerdict> verdicts) {
        Map<String, Vectors> result = new HashMap<>();
        List<MeasureVerdict> missing = new ArrayList<>();
        for (MeasureVerdict m : verdicts) {
            Vectors cached = cache.get(key(m));
            if (cached == null) {
                missing.add(m);
            } else {
                result.put(m.measureId(), cached);
            }
        }
        if (!missing.isEmpty()) {
            List<String> articles = missing.stream().flatMap(m -> m.figures().stream()).map(ReportedFigure::articleId).distinct()
                    .toList();
            Map<String, float[]> stored = measures.storedVectors(articles, embeddings.modelName());
            Set<String> toEmbed = new LinkedHashSet<>();
            missing.forEach(m -> {
                toEmbed.add(labelText(m));
                sentences(m).stream().filter(s -> !stored.containsKey(Hashes.sha256Hex(s))).forEach(toEmbed::add);
            });
            List<String> texts = new ArrayList<>(toEmbed);
            List<float[]> embedded = embeddings.embedPassages(texts);
            Map<String, float[]> byText = new HashMap<>();
            for (int i = 0; i < texts.size(); i++) {
                byText.put(texts.get(i), embedded.get(i));
            }
            for (MeasureVerdict m : missing) {
                List<float[]> sentenceVectors = sentences(m).stream()
                        .map(s -> stored.getOrDefault(Hashes.sha256Hex(s), byText.get(s))).toList();
                Vectors vectors = new Vectors(byText.get(labelText(m)), sentenceVectors);
                cache.put(key(m), vectors);
                result.put(m.measureId(), vectors);
            }
        }
        return result;
    }

    /** What a measure's label says, with the events its figures count ("North Korean soldiers killed (killed)"). */
    static String labelText(MeasureVerdict m) {
        return m.events().isEmpty() ? m.label() : m.label() + " (" + String.join(", ", m.events()) + ")";
    }

    private static List<String> sentences(MeasureVerdict m) {
        return m.figures().stream().filter(f -> !f.derived() && f.sentence() != null).map(ReportedFigure::sentence).distinct()
                .toList();
    }

    private static String key(MeasureVerdict m) {
        return m.measureId() + "@" + Hashes.sha256Hex(labelText(m) + "\u0000" + String.join("\u0000", sentences(m)));
    }
}
