package io.crosscheck.figures;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.crosscheck.ingest.ArticleView;
import io.crosscheck.problem.Paging;
import io.crosscheck.stories.Story;
import io.crosscheck.stories.StoryService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/stories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stories", description = "The events the articles cover; figures are compared only within a story")
@Blocking
public class StoryResource {

    private final StoryService stories;
    private final MeasureService measures;
    private final StoryAnalysisService analysis;

    public StoryResource(StoryService stories, MeasureService measures, StoryAnalysisService analysis) {
        this.stories = stories;
        this.measures = measures;
        this.analysis = analysis;
    }

    /** A story with its size; {@code analysisPending} when its measures do not reflect its latest articles yet. */
    public record StoryView(long id, String label, int articleCount, int measureCount, int conflictCount,
            LocalDate firstPublished, LocalDate lastPublished, OffsetDateTime lastActivity, OffsetDateTime analysedAt,
            boolean analysisPending) {

        static StoryView of(Story s, boolean pending) {
            return new StoryView(s.id, s.label, s.articleCount, s.measureCount, s.conflictCount, s.firstPublished,
                    s.lastPublished, s.lastActivity, s.analysedAt, pending);
        }
    }

    public record StoryPage(List<StoryView> items, int page, int size, long total) {
    }

    /** A story with one page of its articles (newest first) and all its measures. */
    public record StoryDetail(StoryView story, List<ArticleView> articles, int articlesPage, int articlesSize,
            List<FigureResource.MeasureView> measures) {
    }

    @GET
    @Operation(summary = "Stories, newest activity first, with article and conflict counts")
    public StoryPage list(@RestQuery String page, @RestQuery String size) {
        Paging paging = Paging.of(page, size, 20);
        List<Story> found = stories.page(paging.page(), paging.size());
        Set<Long> pending = analysis.pending(found.stream().map(s -> s.id).toList());
        return new StoryPage(found.stream().map(s -> StoryView.of(s, pending.contains(s.id))).toList(), paging.page(),
                paging.size(), stories.count());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One story: its articles (paged, newest first) and its measures")
    public StoryDetail story(@RestPath long id, @RestQuery String page, @RestQuery String size) {
        Paging paging = Paging.of(page, size, 50);
        Story story = stories.find(id).orElseThrow(() -> new NotFoundException("no story with id " + id));
        boolean pending = !analysis.pending(List.of(id)).isEmpty();
        List<ArticleView> articles = stories.articles(id, paging.page(), paging.size()).stream().map(ArticleView::summary)
                .toList();
        List<FigureResource.MeasureView> views = measures.ofStories(List.of(id)).get(id).stream()
                .map(m -> FigureResource.MeasureView.of(id, m)).toList();
        return new StoryDetail(StoryView.of(story, pending), articles, paging.page(), paging.size(), views);
    }
}
