package io.crosscheck.retrieval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.config.Limits;
import io.crosscheck.problem.ProblemException;
import io.crosscheck.problem.QueryParams;
import io.crosscheck.ratelimit.RateLimitClass;
import io.crosscheck.ratelimit.RateLimited;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Hybrid (BM25 + dense) search over article chunks")
@Blocking
public class SearchResource {

    private final SearchService search;
    private final CrosscheckConfig.Search config;

    public SearchResource(SearchService search, CrosscheckConfig config) {
        this.search = search;
        this.config = config.search();
    }

    @GET
    @RateLimited(RateLimitClass.SEARCH)
    @Operation(summary = "Chunks ranked by reciprocal rank fusion of BM25 and embedding similarity")
    public SearchResponse search(@RestQuery String q, @RestQuery String k) {
        if (q == null || q.isBlank()) {
            throw new ProblemException(400, "Empty query", "parameter q is required and must not be blank");
        }
        if (q.length() > Limits.QUESTION) {
            throw new ProblemException(400, "Query too long",
                    "q has " + q.length() + " characters; the limit is " + Limits.QUESTION);
        }
        Integer wanted = QueryParams.wholeNumber("k", k);
        int limit = wanted == null ? config.defaultK() : wanted;
        if (limit < 1 || limit > config.maxK()) {
            throw new ProblemException(400, "Invalid k", "k must be between 1 and " + config.maxK() + " (crosscheck.search.max-k)");
        }
        long started = System.nanoTime();
        List<ChunkIndex.Hit> hits = search.search(q, limit);
        List<Result> results = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            results.add(Result.of(i + 1, hits.get(i)));
        }
        return new SearchResponse(q, limit, (System.nanoTime() - started) / 1_000_000.0, results);
    }

    public record SearchResponse(String query, int k, double tookMs, List<Result> results) {
    }

    /** One ranked chunk; lexicalRank and denseRank are 0 when that ranking did not hold the chunk. */
    public record Result(int rank, double score, int lexicalRank, int denseRank, long chunkId, String articleId,
            String title, String outlet, String url, LocalDate publishedAt, int ordinal, int start, int end, String text) {

        static Result of(int rank, ChunkIndex.Hit hit) {
            IndexedChunk c = hit.chunk();
            return new Result(rank, hit.score(), hit.lexicalRank(), hit.denseRank(), c.chunkId(), c.articleId(), c.title(),
                    c.outlet(), c.url(), c.publishedAt(), c.ordinal(), c.start(), c.end(), c.text());
        }
    }
}
