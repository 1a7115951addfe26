package io.crosscheck.ingest;

import java.util.Locale;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.crosscheck.embedding.EmbeddingService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The embedding model in use and how far the background re-embedding after a change of model has got. Always UP:
 * chunks still waiting are found by their words meanwhile.
 */
@Readiness
@ApplicationScoped
public class EmbeddingHealthCheck implements HealthCheck {

    private final EmbeddingService embeddings;
    private final EmbeddingUpgrade upgrade;

    public EmbeddingHealthCheck(EmbeddingService embeddings, EmbeddingUpgrade upgrade) {
        this.embeddings = embeddings;
        this.upgrade = upgrade;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("embeddings").up()
                .withData("model", embeddings.modelName())
                .withData("reembedding", upgrade.state().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .withData("chunksAwaitingReembedding", upgrade.remaining())
                .build();
    }
}
