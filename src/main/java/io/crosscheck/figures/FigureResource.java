package io.crosscheck.figures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.crosscheck.problem.Paging;
import io.crosscheck.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Figures", description = "Every numeric figure in the corpus, grouped into measures with a verdict, story by story")
@Blocking
public class FigureResource {

    private final MeasureService measures;
    private final FigureService figures;

    public FigureResource(MeasureService measures, FigureService figures) {
        this.measures = measures;
        this.figures = figures;
    }

    /** A figure with its measure and story (measure null when it was not grouped into one). */
    public record FigureView(String measureId, String measure, Long storyId, String articleId, String title, String outlet,
            String attribution, String span, Double low, Double high, String unit, String qualifier, String asOf,
            boolean derived, List<String> derivedFrom, int start, int end, String sentence) {
    }

    /** One page of figures. */
    public record FigurePage(List<FigureView> items, int page, int size, long total) {
    }

    @GET
    @Path("/figures")
    @Operation(summary = "Every stated figure, or those of one measure or one article (derived figures only within measures), paged")
    public FigurePage figures(@RestQuery String measure, @RestQuery String articleId, @RestQuery String page,
            @RestQuery String size) {
        Paging paging = Paging.of(page, size, 50);
        List<FigureView> all;
        if (measure != null) {
            MeasureService.StoryMeasure found = measures.find(measure)
                    .orElseThrow(() -> new NotFoundException("no measure with id '" + measure + "'"));
            all = found.verdict().figures().stream().map(f -> view(found.storyId(), found.verdict(), f))
                    .filter(f -> articleId == null || f.articleId().equals(articleId)).toList();
        } else if (articleId != null) {
            all = ofArticle(articleId);
        } else {
            return corpusPage(paging);
        }
        int from = (int) Math.min(all.size(), (long) paging.page() * paging.size());
        return new FigurePage(all.subList(from, Math.min(all.size(), from + paging.size())), paging.page(), paging.size(),
                all.size());
    }

    /** Every stated figure, a page at a time, each with the measure of its story it was grouped into. */
    private FigurePage corpusPage(Paging paging) {
        List<Figure> stated = figures.page(paging.page(), paging.size());
        List<Long> stories = stated.stream().map(f -> f.article.storyId).filter(java.util.Objects::nonNull).distinct().toList();
        java.util.Map<String, MeasureVerdict> measureAt = new java.util.HashMap<>();
        measures.ofStories(stories).values().forEach(verdicts -> verdicts.forEach(m -> m.figures().stream()
                .filter(f -> !f.derived()).forEach(f -> measureAt.put(f.articleId() + "@" + f.start(), m))));
        List<FigureView> items = stated.stream().map(f -> {
            MeasureVerdict m = measureAt.get(f.article.id + "@" + f.startOffset);
            return new FigureView(m == null ? null : m.measureId(), m == null ? null : m.label(), f.article.storyId, f.article.id,
                    f.article.title, f.article.outlet, f.attribution, f.span, f.low, f.high, f.unit, f.qualifier,
                    f.asOf == null ? null : f.asOf.toString(), false, List.of(), f.startOffset, f.endOffset, f.sentence);
        }).toList();
        return new FigurePage(items, paging.page(), paging.size(), figures.count());
    }

    /** An article's figures: those grouped into its story's measures (with derived ones), then the rest. */
    private List<FigureView> ofArticle(String articleId) {
        List<Figure> stated = figures.byArticle(articleId);
        if (stated.isEmpty()) {
            return List.of();
        }
        Long storyId = stated.get(0).article.storyId;
        List<FigureView> grouped = new ArrayList<>();
        if (storyId != null) {
            measures.ofStories(List.of(storyId)).get(storyId).forEach(m -> m.figures().stream()
                    .filter(f -> f.articleId().equals(articleId)).forEach(f -> grouped.add(view(storyId, m, f))));
        }
        List<FigureView> all = new ArrayList<>(grouped);
        stated.stream().filter(f -> grouped.stream().noneMatch(g -> !g.derived() && g.start() == f.startOffset))
                .map(f -> new FigureView(null, null, storyId, articleId, f.article.title, f.article.outlet, f.attribution, f.span,
                        f.low, f.high, f.unit, f.qualifier, f.asOf == null ? null : f.asOf.toString(), false, List.of(),
                        f.startOffset, f.endOffset, f.sentence))
                .forEach(all::add);
        all.sort(Comparator.comparingInt(FigureView::start));
        return all;
    }

    /** One page of the conflict report: the measures of the most recently active stories first. */
    public record ConflictReport(long measures, long conflicts, int page, int size, List<MeasureView> items) {
    }

    /** A measure with its verdict and story; status as in the chat contract ("conflict", "consistent", "single-source"). */
    public record MeasureView(String measureId, String label, Long storyId, String status, boolean changesOverTime,
            String summary, List<ReportedFigure> figures, List<String> selfContradictions) {

        public static MeasureView of(long storyId, MeasureVerdict m) {
            return new MeasureView(m.measureId(), m.label(), storyId, m.status().apiName(), m.changesOverTime(), m.summary(),
                    m.figures(), m.selfContradictions());
        }
    }

    @GET
    @Path("/conflicts")
    @Operation(summary = "Measures with their figures, sources and verdict, paged; filter by status")
    public ConflictReport report(@RestQuery String status, @RestQuery String page, @RestQuery String size) {
        Paging paging = Paging.of(page, size, 20);
        MeasureVerdict.Status wanted = null;
        if (status != null) {
            try {
                wanted = MeasureVerdict.Status.ofApiName(status);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(400, "Invalid status", "status is one of conflict, consistent, single-source");
            }
        }
        MeasureService.MeasurePage found = measures.page(wanted, paging.page(), paging.size());
        return new ConflictReport(found.total(), found.conflicts(), paging.page(), paging.size(),
                found.items().stream().map(m -> MeasureView.of(m.storyId(), m.verdict())).toList());
    }

    @GET
    @Path("/conflicts/{measureId}")
    @Operation(summary = "One measure with every figure, source and its verdict")
    public MeasureView measure(@RestPath String measureId) {
        return measures.find(measureId).map(m -> MeasureView.of(m.storyId(), m.verdict()))
                .orElseThrow(() -> new NotFoundException("no measure with id '" + measureId + "'"));
    }

    private static FigureView view(long storyId, MeasureVerdict m, ReportedFigure f) {
        return new FigureView(m.measureId(), m.label(), storyId, f.articleId(), f.title(), f.outlet(), f.attribution(), f.span(),
                f.low(), f.high(), f.unit(), f.qualifier(), f.asOf() == null ? null : f.asOf().toString(), f.derived(),
                f.derivedFrom(), f.start(), f.end(), f.sentence());
    }
}
