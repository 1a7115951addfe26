package io.crosscheck.figures;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.crosscheck.stories.Story;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the measures the last analyses committed. A story's measures are cached with the time of the analysis that
 * wrote them, so a question costs one small query per story unless the story was analysed since.
 */
@ApplicationScoped
public class MeasureService {

    /** A persisted measure with its story. */
    public record StoryMeasure(long storyId, MeasureVerdict verdict) {
    }

    /** One page of measures and the total they are a page of. */
    public record MeasurePage(List<StoryMeasure> items, long total, long conflicts) {
    }

    private record Cached(OffsetDateTime analysedAt, List<MeasureVerdict> verdicts) {
    }

    private final StoryAnalysisService analysis;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    public MeasureService(StoryAnalysisService analysis) {
        this.analysis = analysis;
    }

    /** The measures of each story, in the story's order (conflicts first). */
    public Map<Long, List<MeasureVerdict>> ofStories(List<Long> storyIds) {
        Map<Long, List<MeasureVerdict>> result = new LinkedHashMap<>();
        if (storyIds.isEmpty()) {
            return result;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Map<Long, OffsetDateTime> analysed = new HashMap<>();
            Story.getEntityManager().createQuery("select s.id, s.analysedAt from Story s where s.id in ?1", Object[].class)
                    .setParameter(1, storyIds).getResultList()
                    .forEach(row -> analysed.put((Long) row[0], (OffsetDateTime) row[1]));
            List<Long> stale = storyIds.stream().filter(id -> {
                Cached cached = cache.get(id);
                return cached == null || !Objects.equals(cached.analysedAt(), analysed.get(id));
            }).toList();
            if (!stale.isEmpty()) {
                Map<Long, List<MeasureVerdict>> loaded = new HashMap<>();
                stale.forEach(id -> loaded.put(id, new ArrayList<>()));
                StoredMeasure.ofStories(stale).forEach(m -> loaded.get(m.storyId).add(analysis.verdictOf(m)));
                loaded.forEach((id, verdicts) -> cache.put(id, new Cached(analysed.get(id), List.copyOf(verdicts))));
            }
        });
        storyIds.forEach(id -> result.put(id, cache.get(id).verdicts()));
        return result;
    }

    /**
     * The vectors of figure texts (sentences, counted phrases) stored at ingestion for these articles with
     * {@code model}, by SHA-256 of the text ({@code text.Hashes}), so that matching a question reuses them.
     */
    public Map<String, float[]> storedVectors(List<String> articleIds, String model) {
        return QuarkusTransaction.requiringNew().call(() -> FigureVectors.load(Figure.getEntityManager(), articleIds, model));
    }

    public Optional<StoryMeasure> find(String measureId) {
        return QuarkusTransaction.requiringNew().call(() -> StoredMeasure.<StoredMeasure> findByIdOptional(measureId)
                .map(m -> new StoryMeasure(m.storyId, analysis.verdictOf(m))));
    }

    /** Measures across stories, those of the most recently active stories first. */
    public MeasurePage page(MeasureVerdict.Status status, int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String order = " order by (select s.lastActivity from Story s where s.id = m.storyId) desc, m.storyId desc, m.position";
            var query = status == null ? StoredMeasure.<StoredMeasure> find("from StoredMeasure m" + order)
                    : StoredMeasure.<StoredMeasure> find("from StoredMeasure m where m.status = ?1" + order, status);
            List<StoryMeasure> items = query.page(Page.of(page, size)).list().stream()
                    .map(m -> new StoryMeasure(m.storyId, analysis.verdictOf(m))).toList();
            return new MeasurePage(items, query.count(), StoredMeasure.count("status", MeasureVerdict.Status.CONFLICT));
        });
    }
}
