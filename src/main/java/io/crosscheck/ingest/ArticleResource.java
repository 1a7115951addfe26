package io.crosscheck.ingest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.crosscheck.jobs.BatchView;
import io.crosscheck.problem.Paging;
import io.crosscheck.problem.ProblemException;
import io.crosscheck.ratelimit.RateLimitClass;
import io.crosscheck.ratelimit.RateLimited;
import io.crosscheck.text.TextCleaner;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/articles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Articles", description = "Ingest, list and delete news articles")
@Blocking
public class ArticleResource {

    static final String MARKDOWN = "text/markdown";

    private final ArticleService articles;
    private final BulkIngestService bulk;

    public ArticleResource(ArticleService articles, BulkIngestService bulk) {
        this.articles = articles;
        this.bulk = bulk;
    }

    @POST
    @RateLimited(RateLimitClass.INGEST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest an article given as JSON", description = "201 when stored, 200 when the same content was already stored, 409 when the id holds other content (unless replace=true)")
    public Response ingestJson(ArticleRequest request, @RestQuery boolean replace) {
        if (request == null) {
            throw new ProblemException(400, "Empty article", "the request body is empty; send {\"text\": \"...\"}");
        }
        return created(articles.ingest(request.toInput(), replace));
    }

    @POST
    @Path("/bulk")
    @RateLimited(RateLimitClass.INGEST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest many articles in the background", description = "The body is an array of the article "
            + "objects POST /api/articles takes. Every article is checked first: one invalid article refuses the whole "
            + "request (400), so that nothing is half accepted. 202 once the batch is durably queued, with Location "
            + "/api/jobs/{id} to follow its progress.")
    public Response ingestBulk(List<ArticleRequest> requests, @RestQuery boolean replace) {
        BatchView accepted = bulk.accept(requests, replace);
        return Response.accepted(accepted).header("Location", "/api/jobs/" + accepted.id()).build();
    }

    @POST
    @RateLimited(RateLimitClass.INGEST)
    @Consumes({ MediaType.TEXT_PLAIN, MediaType.TEXT_HTML, MARKDOWN })
    @Operation(summary = "Ingest an article sent as its raw body (text/plain, text/html or text/markdown); metadata as query parameters")
    public Response ingestRaw(String body, @RestQuery String id, @RestQuery String title, @RestQuery String outlet,
            @RestQuery String url, @RestQuery String publishedAt, @RestQuery boolean replace,
            @HeaderParam("Content-Type") String contentType) {
        TextCleaner.Format format = contentType != null && contentType.startsWith(MediaType.TEXT_HTML) ? TextCleaner.Format.HTML
                : contentType != null && contentType.startsWith(MARKDOWN) ? TextCleaner.Format.MARKDOWN : TextCleaner.Format.TEXT;
        return created(articles.ingest(new ArticleInput(id, title, outlet, url, ArticleDates.parse(publishedAt), body, format,
                Article.Origin.UPLOAD), replace));
    }

    @GET
    @Operation(summary = "List articles, ordered by id")
    public ArticlePage list(@RestQuery String page, @RestQuery String size) {
        Paging paging = Paging.of(page, size, 20);
        return articles.list(paging.page(), paging.size());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One article with its cleaned text")
    public ArticleView get(@RestPath String id) {
        return articles.find(id).map(ArticleView::full).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("/{id}/chunks")
    @Operation(summary = "The article's chunks with their offsets into the cleaned text")
    public List<ChunkView> chunks(@RestPath String id) {
        if (articles.find(id).isEmpty()) {
            throw notFound(id);
        }
        return articles.chunks(id).stream().map(ChunkView::of).toList();
    }

    @DELETE
    @RateLimited(RateLimitClass.INGEST)
    @Path("/{id}")
    @Operation(summary = "Delete an article with its chunks, figures and index entries")
    public Response delete(@RestPath String id) {
        if (!articles.delete(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private static Response created(IngestResult result) {
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                .header("Location", "/api/articles/" + result.article().id)
                .entity(ArticleView.summary(result.article())).build();
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no article with id '" + id + "'");
    }

    /** A chunk as the API shows it. */
    public record ChunkView(long id, int ordinal, int start, int end, int tokens, String text) {
        static ChunkView of(Chunk chunk) {
            return new ChunkView(chunk.id, chunk.ordinal, chunk.startOffset, chunk.endOffset, chunk.tokenCount, chunk.text);
        }
    }
}
