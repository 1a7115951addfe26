package io.crosscheck.ingest;

import java.util.ArrayList;
import java.util.List;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.database.DatabaseStatus;
import io.crosscheck.jobs.BatchView;
import io.crosscheck.jobs.JobService;
import io.crosscheck.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Accepts a bulk request: checks every article up front, then queues one job per article in one transaction, so that
 * a request is either refused whole or durably accepted whole (and finished after a crash by whichever instance is up).
 */
@ApplicationScoped
public class BulkIngestService {

    /** Invalid articles named in a refusal's detail; the rest are counted. */
    private static final int ERRORS_SHOWN = 5;

    private final ArticleService articles;
    private final ArticleJobHandler handler;
    private final JobService jobs;
    private final DatabaseStatus database;
    private final int maxArticles;

    public BulkIngestService(ArticleService articles, ArticleJobHandler handler, JobService jobs, DatabaseStatus database,
            CrosscheckConfig config) {
        this.articles = articles;
        this.handler = handler;
        this.jobs = jobs;
        this.database = database;
        this.maxArticles = config.ingest().bulkMaxArticles();
    }

    public BatchView accept(List<ArticleRequest> requests, boolean replace) {
        if (requests == null || requests.isEmpty()) {
            throw new ProblemException(400, "No articles", "the request body must be a non-empty JSON array of articles, "
                    + "each like the body of POST /api/articles");
        }
        if (requests.size() > maxArticles) {
            throw new ProblemException(413, "Too many articles", "the request holds " + requests.size()
                    + " articles; the limit crosscheck.ingest.bulk-max-articles is " + maxArticles);
        }
        List<String> payloads = new ArrayList<>(requests.size());
        List<String> invalid = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ArticleRequest request = requests.get(i);
            try {
                if (request == null) {
                    throw new ProblemException(400, "Empty article", "null instead of an article object");
                }
                ArticleInput input = request.toInput();
                articles.validate(input);
                payloads.add(handler.payload(input, replace));
            } catch (ProblemException e) {
                invalid.add("[" + i + "] " + e.getMessage());
            }
        }
        if (!invalid.isEmpty()) {
            String shown = String.join("; ", invalid.subList(0, Math.min(ERRORS_SHOWN, invalid.size())));
            throw new ProblemException(400, "Invalid articles", invalid.size() + " of " + requests.size()
                    + " articles cannot be ingested, so none was accepted: " + shown
                    + (invalid.size() > ERRORS_SHOWN ? "; …" : ""));
        }
        database.requireWritable();
        long id = jobs.enqueueBatch(ArticleJobHandler.KIND, payloads);
        return jobs.batch(id).map(BatchView::of).orElseThrow();
    }
}
