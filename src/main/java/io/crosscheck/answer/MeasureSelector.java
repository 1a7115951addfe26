package io.crosscheck.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crosscheck.embedding.Vectors;
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
 * figure inside a retrieved passage, ranked by meaning (the question's embedding against the measure's label and its
 * figures' sentences), by the event the question names (the measure counting exactly that event first, a broader or
 * narrower one after it), by the sources it names, and by the words their labels share with the question (rare label
 * words count more). Shared words add to a measure's relevance but are not needed: synonyms and paraphrases reach it
 * by meaning. Measures are grouped by story, the story that dominates the retrieval first, so that no answer mixes
 * one story's figures into another's.
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

    /**
     * Weight of meaning, of naming the asked event exactly, and of naming the sources a figure is attributed to, each
     * in units of the largest label-word weight: as strong as three rare shared words, so that a measure the question
     * names only by synonyms ("fatalities", "contingent") still outranks one that shares an incidental word with it.
     */
    static final double MEANING_WEIGHT = 3;
    static final double EVENT_WEIGHT = 3;
    static final double SOURCE_WEIGHT = 1;
    /**
     * A measure counting a broader or narrower event than the asked one ("killed or wounded" for "killed") gets this
     * share of the event weight: it is related, so it may follow, but the measure naming the asked event leads.
     */
    static final double RELATED_EVENT_SHARE = 0.4;
    /**
     * A measure at least this close in meaning (0 at the candidates' median, 1 the closest) is kept even when its label
     * shares fewer of the question's words than the best one's. On the answer evaluation the measures the gold names
     * but a stricter word match dropped ("homes damaged" for "destroy") sit at 0.8 and above, incidental ones below 0.5.
     */
    static final double CLOSE_IN_MEANING = 0.5;

    private record Candidate(long storyId, MeasureVerdict measure, int bestRank) {
    }

    private final StoryService stories;
    private final MeasureService measures;
    private final StoryAnalysisService analysis;
    private final MeasureVectors vectors;

    public MeasureSelector(StoryService stories, MeasureService measures, StoryAnalysisService analysis,
            MeasureVectors vectors) {
        this.stories = stories;
        this.measures = measures;
        this.analysis = analysis;
        this.vectors = vectors;
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
    private List<Candidate> choose(String question, String retrievalQuery, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Double> idf = labelIdf(candidates);
        Set<String> questionTerms = Questions.contentTerms(question);
        Set<String> contextTerms = Questions.contentTerms(retrievalQuery);
        Set<String> askedEvents = EventClasses.in(question);
        if (askedEvents.isEmpty()) {
            askedEvents = EventClasses.in(retrievalQuery);
        }
        double unit = idf.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
        Map<Candidate, Double> meaning = meaning(retrievalQuery, candidates);
        boolean quantitative = Questions.isQuantitative(retrievalQuery);
        Map<Candidate, Double> scores = new HashMap<>();
        Map<Candidate, Set<String>> matched = new HashMap<>();
        Set<Candidate> namesAskedEvent = new HashSet<>();
        for (Candidate c : candidates) {
            Set<String> labelTerms = Terms.of(c.measure().label());
            double score = 0;
            for (String term : labelTerms) {
                score += (questionTerms.contains(term) ? 2 : contextTerms.contains(term) ? 1 : 0) * idf.getOrDefault(term, 0.0);
            }
            double event = eventMatch(askedEvents, c.measure().events());
            score += event * EVENT_WEIGHT * unit; // the question names what happened: deaths, arrests, deployments …
            if (event == 1) {
                namesAskedEvent.add(c);
            }
            score += SOURCE_WEIGHT * unit * namedSources(contextTerms, c.measure());
            // meaning alone chooses measures for a question about a quantity; for any other question the measures
            // follow the answer only when they share its words, event or sources, as unrelated figures answer nothing
            if (quantitative || score > 0) {
                score += MEANING_WEIGHT * unit * meaning.get(c);
            }
            labelTerms.retainAll(contextTerms);
            matched.put(c, labelTerms);
            scores.put(c, score);
        }
        // the measures counting the asked event lead, whatever words other labels share with the question
        Comparator<Candidate> byRelevance = Comparator.comparing((Candidate c) -> !namesAskedEvent.contains(c))
                .thenComparingDouble(c -> -scores.get(c)).thenComparingInt(Candidate::bestRank)
                .thenComparing(c -> c.measure().measureId());
        double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (best <= 0) {
            return List.of();
        }
        Set<String> bestMatched = candidates.stream().filter(c -> scores.get(c) == best).sorted(byRelevance).findFirst()
                .map(matched::get).orElse(Set.of());
        // a measure matching only some of the words the best one matches ("soldiers" but not "killed") answers less,
        // unless it is close in meaning: "homes damaged" for "how many homes did the fire destroy?"
        return candidates.stream().filter(c -> namesAskedEvent.contains(c) || scores.get(c) >= RELATIVE_RELEVANCE * best)
                .filter(c -> namesAskedEvent.contains(c) || meaning.get(c) >= CLOSE_IN_MEANING
                        || !(bestMatched.containsAll(matched.get(c)) && matched.get(c).size() < bestMatched.size()))
                .sorted(byRelevance).toList();
    }

    /**
     * 1 when a measure counts the asked event (or the asked combination, "killed or wounded") and nothing the question
     * does not name; a share when it counts a broader or narrower one (the asked event among others, or a combination
     * the asked event belongs to); else 0.
     */
    static double eventMatch(Set<String> askedEvents, List<String> events) {
        if (askedEvents.isEmpty() || events.isEmpty()) {
            return 0;
        }
        String asked = EventClasses.combine(askedEvents);
        Set<String> named = new HashSet<>(askedEvents);
        named.add(asked);
        if (events.contains(asked) && named.containsAll(events)) {
            return 1; // "over budget" names overrun and budget: a measure counting both counts what was asked
        }
        boolean overlaps = events.contains(asked) || events.stream().anyMatch(askedEvents::contains)
                || events.stream().anyMatch(e -> includes(asked, e) || includes(e, asked));
        return overlaps ? RELATED_EVENT_SHARE : 0;
    }

    /**
     * Whether one event class is the combination another belongs to: "casualties" includes "killed", as "killed" and
     * "casualties" named together make "casualties" in either order. Siblings ("killed", "wounded") make a third class,
     * and unrelated classes do not combine.
     */
    private static boolean includes(String broader, String narrower) {
        return !broader.equals(narrower) && combine(broader, narrower).equals(broader) && combine(narrower, broader).equals(broader);
    }

    private static String combine(String first, String second) {
        return EventClasses.combine(new LinkedHashSet<>(List.of(first, second)));
    }

    /**
     * How close each measure is in meaning to the question, from 0 to 1: the similarity of the question to its label
     * and to its closest figure sentence, averaged, relative to the candidates' median (0 at or below it) and best (1).
     * Relative, because the model's similarities sit in a narrow band whose place differs by question.
     */
    private Map<Candidate, Double> meaning(String question, List<Candidate> candidates) {
        float[] q = vectors.question(question);
        Map<String, MeasureVectors.Vectors> byMeasure = vectors.of(candidates.stream().map(Candidate::measure).toList());
        Map<Candidate, Double> similarity = new HashMap<>();
        for (Candidate c : candidates) {
            MeasureVectors.Vectors v = byMeasure.get(c.measure().measureId());
            double label = Vectors.cosine(q, v.label());
            double sentence = v.sentences().stream().mapToDouble(s -> Vectors.cosine(q, s)).max().orElse(label);
            similarity.put(c, (label + sentence) / 2);
        }
        double[] sorted = similarity.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[(sorted.length - 1) / 2];
        double top = sorted[sorted.length - 1];
        Map<Candidate, Double> relative = new HashMap<>();
        // one candidate, or all alike: nothing tells them apart, and each is as close as any
        similarity.forEach((c, sim) -> relative.put(c, top <= median ? 1 : Math.max(0, sim - median) / (top - median)));
        return relative;
    }

    /**
     * How many of the sources the question names ("Does the coalition agree with the police estimate?") give a figure
     * of the measure, at most two: a question about whether sources agree is about the figures they gave.
     */
    private static int namedSources(Set<String> questionTerms, MeasureVerdict measure) {
        Set<String> named = new HashSet<>();
        for (ReportedFigure f : measure.figures()) {
            if (f.attribution() != null) {
                Set<String> terms = Terms.of(f.attribution());
                terms.retainAll(questionTerms);
                named.addAll(terms);
            }
        }
        return Math.min(2, named.size());
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
