package io.crosscheck.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.embedding.EmbeddingService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.langchain4j.ModelName;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;

/**
 * The embedding service of the scale benchmark. While the base corpus is bulk-loaded it answers a generated text with
 * the vector of the base text it was made from (the generator's inverse name substitution, set per ingesting thread),
 * embedding with the real model, once, only what the cache does not know yet; otherwise it is the real service.
 * Enabled only by {@link ScaleBenchmark.Profile}; a singleton because the service it extends has no no-argument
 * constructor for a client proxy.
 */
@Alternative
@Singleton
public class BenchEmbeddingService extends EmbeddingService {

    private static final ThreadLocal<UnaryOperator<String>> BASE_TEXT = new ThreadLocal<>();

    private volatile VectorCache cache;
    final AtomicLong hits = new AtomicLong();
    final AtomicLong misses = new AtomicLong();

    public BenchEmbeddingService(CrosscheckConfig config, MeterRegistry registry,
            @ModelName(EmbeddingService.SERVER_CONFIG) EmbeddingModel serverModel,
            @ConfigProperty(name = "quarkus.langchain4j.openai." + EmbeddingService.SERVER_CONFIG + ".embedding-model.model-name") String serverModelName) {
        super(config, registry, serverModel, serverModelName);
    }

    void useCache(VectorCache cache) {
        this.cache = cache;
    }

    /** Runs {@code work} with texts mapped back to base texts through {@code toBase} and served from the cache. */
    static void withBaseTexts(UnaryOperator<String> toBase, Runnable work) {
        BASE_TEXT.set(toBase);
        try {
            work.run();
        } finally {
            BASE_TEXT.remove();
        }
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        UnaryOperator<String> toBase = BASE_TEXT.get();
        VectorCache c = cache;
        if (toBase == null || c == null) {
            return super.embedPassages(passages);
        }
        List<String> base = passages.stream().map(toBase).toList();
        List<String> unknown = base.stream().filter(t -> c.get(t) == null).distinct().toList();
        if (!unknown.isEmpty()) {
            List<float[]> embedded = super.embedPassages(unknown);
            for (int i = 0; i < unknown.size(); i++) {
                c.put(unknown.get(i), embedded.get(i));
            }
        }
        misses.addAndGet(unknown.size());
        hits.addAndGet(base.size() - unknown.size());
        List<float[]> vectors = new ArrayList<>(base.size());
        base.forEach(t -> vectors.add(c.get(t)));
        return vectors;
    }
}
