package io.crosscheck.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.langchain4j.ModelName;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The embedding model chosen by {@code crosscheck.embedding.provider}: in process ({@code crosscheck.embedding.model})
 * or an OpenAI-compatible {@code /v1/embeddings} server (the quarkus-langchain4j model named {@value #SERVER_CONFIG}).
 * Vectors are stored with their chunk together with {@link #modelName()}, so a change of provider or model is detected
 * and only then are chunks embedded again. A server that does not answer, after a few retries, makes the calling
 * request a 503 problem, never a 500.
 */
@ApplicationScoped
public class EmbeddingService {

    /** The quarkus-langchain4j named model configuration of the embedding server: quarkus.langchain4j.openai.embedding.*. */
    public static final String SERVER_CONFIG = "embedding";
    /** Prefix of the stored model name of server vectors, so that no server model is taken for an in-process one. */
    public static final String SERVER_PREFIX = "server:";
    /** What a client refused because the embedding server is down is told to wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private static final Map<String, String> KNOWN_MODELS = Map.of(
            "bge-small-en-v15-q", "dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel",
            "all-minilm-l6-v2-q", "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel");

    private final CrosscheckConfig.Embedding config;
    private final String modelName;
    private final EmbeddingModel serverModel;
    private final Timer embedTimer;
    private final Counter serverFailures;
    private volatile EmbeddingModel model;

    public EmbeddingService(CrosscheckConfig config, MeterRegistry registry, @ModelName(SERVER_CONFIG) EmbeddingModel serverModel,
            @ConfigProperty(name = "quarkus.langchain4j.openai." + SERVER_CONFIG + ".embedding-model.model-name") String serverModelName) {
        this.config = config.embedding();
        this.serverModel = serverModel;
        this.modelName = this.config.provider() == CrosscheckConfig.Embedding.Provider.SERVER ? SERVER_PREFIX + serverModelName
                : this.config.model();
        this.embedTimer = Timer.builder("crosscheck.embedding.batch").description("Time to embed one batch of passages")
                .register(registry);
        this.serverFailures = Counter.builder("crosscheck.embedding.server.failures")
                .description("Calls to the embedding server that failed, retries included").register(registry);
    }

    /** The name stored with every vector: the in-process model's, or {@code server:} and the server's model. */
    public String modelName() {
        return modelName;
    }

    public float[] embedQuery(String query) {
        return model().embed(config.queryPrefix() + query).content().vector();
    }

    public List<float[]> embedPassages(List<String> passages) {
        List<float[]> vectors = new ArrayList<>(passages.size());
        for (int from = 0; from < passages.size(); from += config.batchSize()) {
            List<TextSegment> batch = passages.subList(from, Math.min(passages.size(), from + config.batchSize())).stream()
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
                    loaded = config.provider() == CrosscheckConfig.Embedding.Provider.SERVER ? new Guarded()
                            : load(config.model());
                    model = loaded;
                }
            }
        }
        return loaded;
    }

    /**
     * The server model behind retries with a doubling backoff (embedding is idempotent, so a retry is always safe),
     * turning a server that still fails into a 503 problem. Single texts go through {@link #embedAll} too.
     */
    private final class Guarded implements EmbeddingModel {

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return call(() -> {
                Response<List<Embedding>> response = serverModel.embedAll(segments);
                if (response.content() == null || response.content().size() != segments.size()) {
                    throw new IllegalStateException("the server answered " + (response.content() == null ? "no"
                            : response.content().size()) + " vectors for " + segments.size() + " texts");
                }
                return response;
            });
        }

        @Override
        public String modelName() {
            return modelName;
        }

        private <T> T call(Supplier<T> work) {
            CrosscheckConfig.Embedding.Server server = config.server();
            Duration backoff = server.retryBackoff();
            for (int attempt = 1;; attempt++) {
                try {
                    return work.get();
                } catch (RuntimeException e) {
                    serverFailures.increment();
                    if (attempt > server.retries()) {
                        // the cause names internal hosts and addresses: it goes to the log, not to the client
                        Log.warnf("Embedding server failed %d times, giving up: %s", attempt, e.toString());
                        throw new ProblemException(503, "Embedding server unavailable",
                                "the embedding server did not answer; try again shortly", RETRY_AFTER_SECONDS);
                    }
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2);
                }
            }
        }

        private static void sleep(Duration wait) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProblemException(503, "Embedding server unavailable", "interrupted while waiting to retry",
                        RETRY_AFTER_SECONDS);
            }
        }
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
