package io.crosscheck.figures;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Figures", description = "Every numeric figure in the corpus, grouped into measures with a verdict")
@Blocking
public class FigureResource {

    private final ConflictService conflicts;
    private final FigureService figures;

    public FigureResource(ConflictService conflicts, FigureService figures) {
        this.conflicts = conflicts;
        this.figures = figures;
    }

    /** A figure with its measure (null when it was not grouped into one). */
    public record FigureView(String measureId, String measure, String articleId, String title, String outlet,
            String attribution, String span, Double low, Double high, String unit, String qualifier, String asOf,
            boolean derived, List<String> derivedFrom, int start, int end, String sentence) {
    }

    @GET
    @Path("/figures")
    @Operation(summary = "Figures, optionally of one measure and/or one article; derived figures only within measures")
    public List<FigureView> figures(@RestQuery String measure, @RestQuery String articleId) {
        List<FigureView> grouped = conflicts.report().stream()
                .filter(m -> measure == null || m.measureId().equals(measure))
                .flatMap(m -> m.figures().stream().map(f -> view(m, f)))
                .filter(f -> articleId == null || f.articleId().equals(articleId)).toList();
        if (measure != null || articleId == null) {
            return grouped;
        }
        List<FigureView> ungrouped = figures.byArticle(articleId).stream()
                .filter(f -> grouped.stream().noneMatch(g -> !g.derived() && g.start() == f.startOffset))
                .map(f -> new FigureView(null, null, articleId, f.article.title, f.article.outlet, f.attribution, f.span, f.low,
                        f.high, f.unit, f.qualifier, f.asOf == null ? null : f.asOf.toString(), false, List.of(), f.startOffset,
                        f.endOffset, f.sentence))
                .toList();
        return Stream.concat(grouped.stream(), ungrouped.stream()).sorted(Comparator.comparingInt(FigureView::start)).toList();
    }

    /** The corpus-wide conflict report. */
    public record ConflictReport(int measures, long conflicts, List<MeasureView> items) {
    }

    /** A measure with its verdict; status as in the chat contract ("conflict", "consistent", "single-source"). */
    public record MeasureView(String measureId, String label, String status, boolean changesOverTime, String summary,
            List<ReportedFigure> figures, List<String> selfContradictions) {

        static MeasureView of(MeasureVerdict m) {
            return new MeasureView(m.measureId(), m.label(), ConflictService.status(m.status()), m.changesOverTime(), m.summary(),
                    m.figures(), m.selfContradictions());
        }
    }

    @GET
    @Path("/conflicts")
    @Operation(summary = "Every measure with its figures, sources and verdict")
    public ConflictReport report(@RestQuery String status) {
        List<MeasureView> items = conflicts.report().stream().map(MeasureView::of)
                .filter(m -> status == null || m.status().equals(status)).toList();
        return new ConflictReport(items.size(), items.stream().filter(m -> m.status().equals("conflict")).count(), items);
    }

    @GET
    @Path("/conflicts/{measureId}")
    @Operation(summary = "One measure with its figures, sources and verdict")
    public MeasureView measure(@RestPath String measureId) {
        return conflicts.measure(measureId).map(MeasureView::of).orElseThrow(() -> new NotFoundException("no measure with id '" + measureId + "'"));
    }

    private static FigureView view(MeasureVerdict m, ReportedFigure f) {
        return new FigureView(m.measureId(), m.label(), f.articleId(), f.title(), f.outlet(), f.attribution(), f.span(), f.low(),
                f.high(), f.unit(), f.qualifier(), f.asOf() == null ? null : f.asOf().toString(), f.derived(), f.derivedFrom(),
                f.start(), f.end(), f.sentence());
    }
}
