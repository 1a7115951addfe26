package io.crosscheck.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.crosscheck.config.CrosscheckConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The in-process embedding model, chosen by {@code crosscheck.embedding.model}. Vectors are stored with their chunk
 * together with the model's name, so a change of model is detected and only then are chunks embedded again.
 */
@ApplicationScoped
public class EmbeddingService {

    private static final Map<String, String> KNOWN_MODELS = Map.of(
            "bge-small-en-v15-q", "dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel",
            "all-minilm-l6-v2-q", "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel");

    private final String modelName;
    private final String queryPrefix;
    private final int batchSize;
    private final Timer embedTimer;
    private volatile EmbeddingModel model;

    public EmbeddingService(CrosscheckConfig config, MeterRegistry registry) {
        this.modelName = config.embedding().model();
        this.queryPrefix = config.embedding().queryPrefix();
        this.batchSize = config.embedding().batchSize();
        this.embedTimer = Timer.builder("crosscheck.embedding.batch").description("Time to embed one batch of passages")
                .register(registry);
    }

    public String modelName() {
        return modelName;
    }

    public float[] embedQuery(String query) {
        return model().embed(queryPrefix + query).content().vector();
    }

    public List<float[]> embedPassages(List<String> passages) {
        List<float[]> vectors = new ArrayList<>(passages.size());
        for (int from = 0; from < passages.size(); from += batchSize) {
            List<TextSegment> batch = passages.subList(from, Math.min(passages.size(), from + batchSize)).stream()
                    .map(TextSegment::from).toList();
            List<Embedding> embeddings = embedTimer.record(() -> model().embedAll(batch).content());
            embeddings.forEach(embedding -> vectors.add(embedding.vector()));
        }
        return vectors;
    }

    /** The model itself, for components (such as figure grouping) that embed short phrases. */
    public EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = load(modelName);
                    model = loaded;
                }
            }
        }
        return loaded;
    }

    static EmbeddingModel load(String name) {
        String className = KNOWN_MODELS.getOrDefault(name, name);
        try {
            return (EmbeddingModel) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("crosscheck.embedding.model=" + name + " is neither one of "
                    + KNOWN_MODELS.keySet() + " on the classpath nor an EmbeddingModel class with a no-argument constructor", e);
        }
    }

    public static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] toVector(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
