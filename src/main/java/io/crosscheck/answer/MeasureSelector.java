package io.crosscheck.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crosscheck.figures.EventClasses;
import io.crosscheck.figures.MeasureService;
import io.crosscheck.figures.MeasureVerdict;
import io.crosscheck.figures.ReportedFigure;
import io.crosscheck.figures.StoryAnalysisService;
import io.crosscheck.retrieval.ChunkIndex;
import io.crosscheck.retrieval.IndexedChunk;
import io.crosscheck.retrieval.Terms;
import io.crosscheck.stories.Story;
import io.crosscheck.stories.StoryService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses the measures that bear on a question from the stories the retrieved passages belong to: those with a
 * figure inside a retrieved passage, ranked by the words their labels share with the question (rare label words
 * count more) and by the event the question names. Measures are grouped by story, the story that dominates the
 * retrieval first, so that no answer mixes one story's figures into another's.
 */
@ApplicationScoped
public class MeasureSelector {

    /** A measure is listed when its relevance is at least this share of the most relevant measure's. */
    static final double RELATIVE_RELEVANCE = 0.5;

    /**
     * A story other than the one that dominates the retrieval is answered from only when its passages weigh at least
     * this share of the dominant story's (weights: the sum of 1/rank of a story's passages). A question that names its
     * story ("the floods in the Nerin valley") retrieves a few passages of a similar story far down the list, well under
     * half; one that fits two stories ("the floods") retrieves them interleaved, near parity.
     */
    static final double RELATED_STORY_SHARE = 0.5;

    /**
     * The measures chosen; the stories the answer draws on (the dominant one first) and the story of each retrieved
     * article; whether any of those stories awaits a newer analysis.
     */
    public record Selection(List<ChatResponse.ConflictView> conflicts, List<Long> stories, Map<String, Long> storyOf,
            boolean analysisPending) {

        /** Whether a retrieved passage's article belongs to a story the answer draws on (or has no story yet). */
        public boolean answersFrom(String articleId) {
            Long story = storyOf.get(articleId);
            return story == null || stories.contains(story);
        }
    }

    private record Candidate(long storyId, MeasureVerdict measure, int bestRank) {
    }

    private final StoryService stories;
    private final MeasureService measures;
    private final StoryAnalysisService analysis;

    public MeasureSelector(StoryService stories, MeasureService measures, StoryAnalysisService analysis) {
        this.stories = stories;
        this.measures = measures;
        this.analysis = analysis;
    }

    public Selection forQuestion(String question, String retrievalQuery, List<ChunkIndex.Hit> hits, int max) {
        Map<String, Long> storyOf = stories.storiesOf(hits.stream().map(h -> h.chunk().articleId()).distinct().toList());
        Map<Long, Double> weight = new LinkedHashMap<>();
        for (int rank = 1; rank <= hits.size(); rank++) {
            Long story = storyOf.get(hits.get(rank - 1).chunk().articleId());
            if (story != null) {
                weight.merge(story, 1.0 / rank, Double::sum);
            }
        }
        double dominant = weight.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<Long> storyOrder = weight.entrySet().stream().filter(e -> e.getValue() >= RELATED_STORY_SHARE * dominant)
                .sorted(Map.Entry.<Long, Double> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        List<Candidate> candidates = new ArrayList<>();
        measures.ofStories(storyOrder).forEach((story, verdicts) -> verdicts.forEach(m -> {
            int rank = bestRetrievedRank(m, hits);
            if (rank > 0) {
                candidates.add(new Candidate(story, m, rank));
            }
        }));
        List<Candidate> chosen = choose(question, retrievalQuery, candidates).stream()
                .sorted(Comparator.comparingInt((Candidate c) -> storyOrder.indexOf(c.storyId()))).limit(max).toList();
        List<Long> chosenStories = chosen.stream().map(Candidate::storyId).distinct().toList();
        Map<Long, Story> byId = stories.byIds(chosenStories);
        List<ChatResponse.ConflictView> views = chosen.stream().map(c -> ConflictViews.of(c.measure(), c.storyId(),
                byId.containsKey(c.storyId()) ? byId.get(c.storyId()).label : null)).toList();
        boolean pending = !analysis.pending(storyOrder).isEmpty();
        return new Selection(views, storyOrder, storyOf, pending);
    }

    /** Relevance ranking as a stable sort: best first, ties by retrieval rank, then id. */
    private static List<Candidate> choose(String question, String retrievalQuery, List<Candidate> candidates) {
        Map<String, Double> idf = labelIdf(candidates);
        Set<String> questionTerms = Questions.contentTerms(question);
        Set<String> contextTerms = Questions.contentTerms(retrievalQuery);
        Set<String> askedEvents = EventClasses.in(question);
        if (askedEvents.isEmpty()) {
            askedEvents = EventClasses.in(retrievalQuery);
        }
        String askedCombination = EventClasses.combine(askedEvents);
        double eventWeight = idf.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0) * 3;
        Map<Candidate, Double> scores = new HashMap<>();
        Map<Candidate, Set<String>> matched = new HashMap<>();
        Set<Candidate> namesAskedEvent = new java.util.HashSet<>();
        for (Candidate c : candidates) {
            Set<String> labelTerms = Terms.of(c.measure().label());
            double score = 0;
            for (String term : labelTerms) {
                score += (questionTerms.contains(term) ? 2 : contextTerms.contains(term) ? 1 : 0) * idf.getOrDefault(term, 0.0);
            }
            List<String> events = c.measure().events();
            if (events.contains(askedCombination) || askedEvents.size() == 1 && events.containsAll(askedEvents) && !events.isEmpty()) {
                score += eventWeight; // the question names what happened: deaths, arrests, deployments …
                namesAskedEvent.add(c);
            }
            labelTerms.retainAll(contextTerms);
            matched.put(c, labelTerms);
            scores.put(c, score);
        }
        Comparator<Candidate> byRelevance = Comparator.comparingDouble((Candidate c) -> -scores.get(c))
                .thenComparingInt(Candidate::bestRank).thenComparing(c -> c.measure().measureId());
        double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (best > 0) {
            Set<String> bestMatched = candidates.stream().filter(c -> scores.get(c) == best).sorted(byRelevance).findFirst()
                    .map(matched::get).orElse(Set.of());
            // a measure matching only some of the words the best one matches ("soldiers" but not "killed") answers less
            return candidates.stream().filter(c -> scores.get(c) >= RELATIVE_RELEVANCE * best)
                    .filter(c -> namesAskedEvent.contains(c) || !(bestMatched.containsAll(matched.get(c))
                            && matched.get(c).size() < bestMatched.size()))
                    .sorted(byRelevance).toList();
        }
        if (Questions.isQuantitative(retrievalQuery)) {
            int top = candidates.stream().mapToInt(Candidate::bestRank).min().orElse(0);
            return candidates.stream().filter(c -> c.bestRank() == top).sorted(byRelevance).toList();
        }
        return List.of();
    }

    /** Inverse document frequency of each label word over the candidate labels: "soldiers" in every label says little. */
    private static Map<String, Double> labelIdf(List<Candidate> candidates) {
        Map<String, Integer> documentFrequency = new HashMap<>();
        candidates.forEach(c -> Terms.of(c.measure().label()).forEach(t -> documentFrequency.merge(t, 1, Integer::sum)));
        Map<String, Double> idf = new HashMap<>();
        documentFrequency.forEach((term, df) -> idf.put(term, Math.log(1.0 + (double) candidates.size() / df)));
        return idf;
    }

    private static int bestRetrievedRank(MeasureVerdict measure, List<ChunkIndex.Hit> hits) {
        for (int rank = 1; rank <= hits.size(); rank++) {
            IndexedChunk chunk = hits.get(rank - 1).chunk();
            for (ReportedFigure figure : measure.figures()) {
                if (!figure.derived() && figure.articleId().equals(chunk.articleId()) && chunk.start() <= figure.start()
                        && figure.end() <= chunk.end()) {
                    return rank;
                }
            }
        }
        return 0;
    }
}
