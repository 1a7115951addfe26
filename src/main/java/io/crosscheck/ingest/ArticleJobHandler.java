package io.crosscheck.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crosscheck.jobs.JobHandler;
import io.crosscheck.jobs.NewJob;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ingests one article per job, for corpus files and bulk requests alike. Idempotent as ingestion is: the same content
 * run again is recognised by its hash and stored once.
 */
@ApplicationScoped
public class ArticleJobHandler implements JobHandler {

    static final String KIND = "ingest-article";

    private final ArticleService articles;
    private final ObjectMapper json;

    public ArticleJobHandler(ArticleService articles, ObjectMapper json) {
        this.articles = articles;
        this.json = json;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(String payload) {
        ArticleJob job;
        try {
            job = json.readValue(payload, ArticleJob.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable article job: " + e.getOriginalMessage(), e);
        }
        articles.ingest(job.input(), job.replace());
    }

    String payload(ArticleInput input, boolean replace) {
        try {
            return json.writeValueAsString(new ArticleJob(input, replace));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("article not serialisable", e);
        }
    }

    NewJob job(String key, ArticleInput input) {
        return new NewJob(key, payload(input, false));
    }
}
