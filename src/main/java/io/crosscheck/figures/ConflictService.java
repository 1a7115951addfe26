package io.crosscheck.figures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.crosscheck.answer.ChatResponse;
import io.crosscheck.answer.Questions;
import io.crosscheck.ingest.ArticleDeleted;
import io.crosscheck.ingest.ArticleStored;
import io.crosscheck.retrieval.ChunkIndex;
import io.crosscheck.retrieval.EmbeddingService;
import io.crosscheck.retrieval.IndexedChunk;
import io.crosscheck.retrieval.Terms;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * The corpus-wide conflict report: groups every stored figure into measures and decides a verdict for each. The
 * report is computed once and kept until an article is stored or deleted; phrase embeddings are cached so that a
 * recomputation embeds only new figures.
 */
@ApplicationScoped
public class ConflictService {

    /** A measure is listed when its relevance is at least this share of the most relevant measure's. */
    static final double RELATIVE_RELEVANCE = 0.5;

    private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");
    private static final Set<String> FUNCTION_WORDS = Set.of("that", "with", "from", "have", "been", "were", "this", "their",
            "said", "says", "about", "more", "than", "over", "after", "which", "would", "could", "also", "some", "they", "there",
            "what", "when", "where", "other", "into", "since", "according", "will", "while", "them", "those", "these", "then",
            "only", "most", "many", "much", "such", "just", "like", "before", "under", "between", "during", "against", "because",
            "still", "even", "both", "each", "very", "least", "up", "told", "added", "around", "nearly", "almost", "estimated");

    private final EmbeddingService embeddings;
    private final Timer analysisTimer;
    private final Map<String, float[]> phraseVectors = new ConcurrentHashMap<>();
    private volatile List<MeasureVerdict> report;
    private volatile Map<String, LocalDate> articleDates = Map.of();
    private volatile Map<String, Set<String>> measureEvents = Map.of();

    public ConflictService(EmbeddingService embeddings, MeterRegistry registry) {
        this.embeddings = embeddings;
        this.analysisTimer = Timer.builder("crosscheck.figures.analysis").description("Corpus-wide measure grouping and verdicts")
                .register(registry);
    }

    void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticleStored event) {
        report = null;
    }

    void onDeleted(@Observes ArticleDeleted event) {
        report = null;
    }

    public List<MeasureVerdict> report() {
        List<MeasureVerdict> current = report;
        if (current == null) {
            synchronized (this) {
                current = report;
                if (current == null) {
                    current = analysisTimer.record(this::analyze);
                    report = current;
                }
            }
        }
        return current;
    }

    public Optional<MeasureVerdict> measure(String measureId) {
        return report().stream().filter(m -> m.measureId().equals(measureId)).findFirst();
    }

    private List<MeasureVerdict> analyze() {
        List<CorpusFigure> figures = QuarkusTransaction.requiringNew().call(() -> Figure.listAllWithArticles().stream()
                .map(f -> new CorpusFigure(f.article.id, f.article.title, f.article.outlet, f.article.publishedAt, f.toExtracted()))
                .toList());
        Map<String, LocalDate> dates = new HashMap<>();
        figures.stream().filter(f -> f.articleDate() != null).forEach(f -> dates.put(f.articleId(), f.articleDate()));
        articleDates = dates;
        List<MeasureVerdict> verdicts = new ConflictAnalyzer(new CachingEmbeddingModel()).analyze(figures).stream()
                .map(ConflictService::named).filter(v -> !v.label().isBlank()).toList();
        Map<String, String> eventAt = new HashMap<>();
        figures.stream().filter(f -> f.figure().event() != null)
                .forEach(f -> eventAt.put(f.articleId() + "@" + f.figure().start(), f.figure().event()));
        Map<String, Set<String>> events = new HashMap<>();
        for (MeasureVerdict verdict : verdicts) {
            Set<String> classes = new HashSet<>();
            verdict.figures().forEach(f -> {
                String event = eventAt.get(f.articleId() + "@" + f.start());
                if (event != null) {
                    classes.add(event);
                }
            });
            events.put(verdict.measureId(), classes);
        }
        measureEvents = events;
        return verdicts;
    }

    /**
     * The measures that bear on a question: those with a figure inside a retrieved passage, ranked by the words their
     * labels share with the question (rare label words count more), each with every article's figures for it, so
     * retrieval's top k never hides a disagreeing source. Measures far less related than the best one are left out;
     * when no label shares a word, a question asking for a quantity gets the measures of the best passage only.
     */
    public List<ChatResponse.ConflictView> forQuestion(String question, String retrievalQuery, List<ChunkIndex.Hit> hits, int max) {
        List<MeasureVerdict> measures = report();
        Map<String, Double> idf = labelIdf(measures);
        Set<String> questionTerms = Questions.contentTerms(question);
        Set<String> contextTerms = Questions.contentTerms(retrievalQuery);
        Set<String> askedEvents = EventLexicon.classesIn(question);
        if (askedEvents.isEmpty()) {
            askedEvents = EventLexicon.classesIn(retrievalQuery);
        }
        String askedCombination = EventLexicon.combine(askedEvents);
        double eventWeight = idf.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0) * 3;
        Map<String, Double> scores = new HashMap<>();
        Map<String, Integer> ranks = new HashMap<>();
        Map<String, Set<String>> matched = new HashMap<>();
        Set<String> namesAskedEvent = new HashSet<>();
        for (MeasureVerdict measure : measures) {
            int bestRank = bestRetrievedRank(measure, hits);
            if (bestRank == 0) {
                continue;
            }
            Set<String> labelTerms = Terms.of(measure.label());
            double score = 0;
            for (String term : labelTerms) {
                score += (questionTerms.contains(term) ? 2 : contextTerms.contains(term) ? 1 : 0) * idf.getOrDefault(term, 0.0);
            }
            Set<String> events = measureEvents.getOrDefault(measure.measureId(), Set.of());
            if (events.contains(askedCombination) || askedEvents.size() == 1 && events.containsAll(askedEvents) && !events.isEmpty()) {
                score += eventWeight; // the question names what happened: deaths, arrests, deployments …
                namesAskedEvent.add(measure.measureId());
            }
            labelTerms.retainAll(contextTerms);
            matched.put(measure.measureId(), labelTerms);
            scores.put(measure.measureId(), score);
            ranks.put(measure.measureId(), bestRank);
        }
        double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<MeasureVerdict> chosen;
        if (best > 0) {
            Set<String> bestMatched = scores.entrySet().stream().filter(e -> e.getValue() == best).findFirst()
                    .map(e -> matched.get(e.getKey())).orElse(Set.of());
            // a measure matching only some of the words the best one matches ("soldiers" but not "killed") answers less
            chosen = measures.stream().filter(m -> scores.getOrDefault(m.measureId(), 0.0) >= RELATIVE_RELEVANCE * best)
                    .filter(m -> namesAskedEvent.contains(m.measureId()) || !(bestMatched.containsAll(matched.get(m.measureId()))
                            && matched.get(m.measureId()).size() < bestMatched.size()))
                    .sorted(Comparator.comparingDouble((MeasureVerdict m) -> -scores.get(m.measureId()))
                            .thenComparingInt(m -> ranks.get(m.measureId())).thenComparing(MeasureVerdict::measureId))
                    .toList();
        } else if (Questions.isQuantitative(retrievalQuery)) {
            int top = ranks.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            chosen = measures.stream().filter(m -> ranks.getOrDefault(m.measureId(), 0) == top && top > 0)
                    .sorted(Comparator.comparing(MeasureVerdict::measureId)).toList();
        } else {
            chosen = List.of();
        }
        return chosen.stream().limit(max).map(this::view).toList();
    }

    /**
     * A measure grouped without an event word or a counted noun ("about 6,500 hectares", "about 1,900") is named by
     * its unit and the words its sentences share most ("hectares: burned, fire"), so that readers and questions can
     * find it; one with nothing to go by keeps its empty name and is left out.
     */
    static MeasureVerdict named(MeasureVerdict verdict) {
        if (verdict.label() != null && !verdict.label().isBlank()) {
            return verdict;
        }
        Map<String, Integer> sentencesWith = new HashMap<>();
        for (ReportedFigure figure : verdict.figures()) {
            Set<String> words = new HashSet<>();
            Matcher word = WORD.matcher(figure.sentence());
            while (word.find()) {
                String w = word.group();
                if (Character.isLowerCase(w.charAt(0)) && !FUNCTION_WORDS.contains(w) && !figure.span().contains(w)) {
                    words.add(w);
                }
            }
            words.forEach(w -> sentencesWith.merge(w, 1, Integer::sum));
        }
        List<String> top = sentencesWith.entrySet().stream()
                .sorted(Map.Entry.<String, Integer> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(2).map(Map.Entry::getKey).toList();
        String unit = verdict.figures().get(0).unit();
        String prefix = unit == null || unit.equals("count") ? "" : unit + ": ";
        String label = top.isEmpty() ? "" : prefix + String.join(", ", top);
        return new MeasureVerdict(verdict.measureId(), label, verdict.status(), verdict.changesOverTime(), verdict.summary(),
                verdict.figures(), verdict.selfContradictions());
    }

    /** Inverse document frequency of each label word over all measure labels: "soldiers" in every label says little. */
    private static Map<String, Double> labelIdf(List<MeasureVerdict> measures) {
        Map<String, Integer> documentFrequency = new HashMap<>();
        measures.forEach(m -> Terms.of(m.label()).forEach(t -> documentFrequency.merge(t, 1, Integer::sum)));
        Map<String, Double> idf = new HashMap<>();
        documentFrequency.forEach((term, df) -> idf.put(term, Math.log(1.0 + (double) measures.size() / df)));
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

    /**
     * A measure as the answer contract shows it: a figure's asOf falls back to its article's date, and figures are
     * ordered by it (stable, undated last) so a reader sees how estimates moved.
     */
    public ChatResponse.ConflictView view(MeasureVerdict measure) {
        List<ChatResponse.FigureView> figures = new ArrayList<>();
        for (ReportedFigure f : measure.figures()) {
            LocalDate date = f.asOf() != null ? f.asOf() : articleDates.get(f.articleId());
            String asOf = date != null ? date.toString() : null;
            figures.add(new ChatResponse.FigureView(f.span(), f.low(), f.high(), f.unit(), f.attribution(), f.articleId(),
                    f.sentence(), null, f.derived(), asOf));
        }
        List<ChatResponse.FigureView> byDate = figures.stream()
                .sorted(Comparator.comparing(ChatResponse.FigureView::asOf, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new ChatResponse.ConflictView(measure.measureId(), measure.label(), status(measure.status()), measure.summary(),
                byDate);
    }

    public static String status(MeasureVerdict.Status status) {
        return switch (status) {
            case CONFLICT -> "conflict";
            case CONSISTENT -> "consistent";
            case SINGLE_SOURCE -> "single-source";
        };
    }

    /** The configured embedding model, remembering phrase vectors between recomputations of the report. */
    private final class CachingEmbeddingModel implements EmbeddingModel {

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<TextSegment> missing = segments.stream().filter(s -> !phraseVectors.containsKey(s.text())).distinct().toList();
            if (!missing.isEmpty()) {
                List<float[]> vectors = embeddings.embedPassages(missing.stream().map(TextSegment::text).toList());
                for (int i = 0; i < missing.size(); i++) {
                    phraseVectors.put(missing.get(i).text(), vectors.get(i));
                }
            }
            return Response.from(segments.stream().map(s -> Embedding.from(phraseVectors.get(s.text()))).toList());
        }
    }
}
