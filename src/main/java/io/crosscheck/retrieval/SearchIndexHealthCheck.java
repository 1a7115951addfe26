package io.crosscheck.retrieval;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.crosscheck.ingest.CorpusService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready once the search engine is prepared and reconciled with the database, and while it answers; reports the engine,
 * its state and start-up corpus ingestion progress.
 */
@Readiness
@ApplicationScoped
public class SearchIndexHealthCheck implements HealthCheck {

    private final SearchService search;
    private final CorpusService corpus;

    public SearchIndexHealthCheck(SearchService search, CorpusService corpus) {
        this.search = search;
        this.corpus = corpus;
    }

    @Override
    public HealthCheckResponse call() {
        CorpusService.Progress progress = corpus.progress();
        boolean ready = search.isReady();
        return HealthCheckResponse.named("search-index").status(ready)
                .withData("engine", search.engineName())
                .withData("engineState", search.health().detail())
                .withData("chunks", search.size())
                .withData("corpus", progress.state())
                .withData("corpusFiles", progress.files())
                .withData("corpusFilesDone", progress.done())
                .withData("corpusFilesFailed", progress.failed())
                .build();
    }
}
