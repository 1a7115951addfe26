package io.crosscheck.figures;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.crosscheck.embedding.Vectors;
import io.crosscheck.figures.Quantity.Kind;

/**
 * Groups the figures of one story's articles into measures (figures of different stories never share a measure, so
 * callers group story by story): the same event class, a compatible kind of number, and counted
 * phrases that mean the same thing ("soldiers", "troops", "personnel"), judged by embedding similarity rather than a
 * synonym list.
 * <p>
 * Within a block of one event and kind, figures that name what they count are clustered by average-linkage on the
 * embeddings of their counted phrase (or, for a share, of its base). A figure that does not name what it counts
 * ("4,000 killed and wounded") joins the block's largest cluster: in one corpus an event figure without a noun
 * almost always counts what most figures for that event count. A count with no event ("11,000 troops retreated")
 * joins a standing-group measure (deployed, attended, employed) whose counted phrase matches and whose sizes are of
 * its order.
 * <p>
 * Some figures are never one measure however alike their words: figures of an event that happens on a day, dated days
 * apart by their sentences (two marches, two attacks), and figures with no event word whose counted things do
 * different things ("77 zebras escaped", "12 dogs barked"). Small counts that only refer to people or things of the
 * story ("the two leaders") are not measures.
 */
public final class MeasureGrouper {

    /**
     * Cosine similarity at or above which two counted phrases are taken to name the same thing. Measured with
     * bge-small-en-v1.5 (quantized) on the seed and own evaluation corpora (FigureEvaluationTest prints the sweep):
     * seed pairwise grouping F1 is 1.0 from 0.66 to 0.74 and drops above 0.76 ("personnel" vs "soldiers"); own-corpus
     * F1 and verdict agreement peak at 0.70.
     */
    public static final double DEFAULT_THRESHOLD = 0.70;
    /**
     * Cosine similarity of whole sentences at or above which a figure that does not name what it counts joins a
     * cluster. Measured the same way: grouping F1 peaks between 0.54 and 0.58 on both corpora and falls steadily
     * above 0.62, because sentences about one measure share little wording beyond it.
     */
    public static final double DEFAULT_CONTEXT_THRESHOLD = 0.56;
    /**
     * Days apart at which two dated figures of an event that happens on a day (killed, attended …) count two
     * occurrences: a week apart is two marches, but "Saturday night" and "Sunday" reports of one attack are one.
     */
    private static final long OCCASION_DAYS_APART = 1;
    /**
     * A small count with no event word that a determiner or a copula introduces ("the two leaders", "these are two
     * young men", "they have three options") refers to or describes people and things of the story rather than
     * reports a quantity of it. Small means below ten, the numbers news style (AP, Reuters) spells out: in the seed
     * corpus all three such measures were of this kind. A small count that is the subject of its clause ("seven people
     * were treated") reports a quantity and is kept.
     */
    private static final double INCIDENTAL_BELOW = 10;
    private static final Pattern INTRODUCED_AS_REFERENCE = Pattern.compile(
            "(?i)\\b(?:the|these|those|his|her|their|its|our|my|your|is|are|was|were|be|been|has|have|had)\\s+$");
    /** How far a count with no event word may lie from a standing group's median size and still be that group. */
    private static final double SAME_ORDER_FACTOR = 10;
    /** The similarity two figures that cannot be one measure are given, so that average linkage keeps them apart. */
    private static final double INCOMPATIBLE = -1;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d", Locale.ENGLISH);

    private static final Pattern LEADING_DETERMINER = Pattern.compile("^(?:the|those|these|their|its|of|all)\\s+");
    private static final Pattern TRAILING_PARTICIPLE = Pattern.compile("\\s+\\p{L}+ed$");
    private static final Pattern PART_OF = Pattern.compile("(?i)^\\s+of\\s+(?:them|those|these|which|whom|the|its|their)\\b");
    private static final Pattern CHANGE_FROM = Pattern.compile("(?i)\\bfrom\\s+(?:about\\s+|around\\s+|roughly\\s+)?$");
    private static final Pattern CHANGE_TO = Pattern.compile("(?i)\\bto\\s+(?:about\\s+|around\\s+|roughly\\s+)?$");
    private static final Pattern RATE_AFTER = Pattern.compile(
            "(?i)^\\s+(?:\\p{L}+\\s+)?(?:a|per|each|every)\\s+(?:year|month|week|day|hour|annum)\\b|^\\s+(?:annually|yearly|monthly|weekly|daily)\\b");
    private static final Pattern RATE_BEFORE = Pattern.compile(
            "(?i)\\b(?:annual|annually|yearly|monthly|weekly|daily|every\\s+(?:year|month|week|day))\\b(?:\\s+[\\p{L}'’\\-]+){0,7}\\s*$");

    private final EmbeddingModel embeddingModel;
    private final double threshold;
    private final double contextThreshold;
    private final Map<String, float[]> embeddings = new HashMap<>();
    private final Map<String, Double> cosines = new HashMap<>();
    /** Grouping asks for a figure's phrase in every comparison; it is worked out once per figure. */
    private final Map<CorpusFigure, Optional<String>> ownPhrases = new java.util.IdentityHashMap<>();
    private final Map<CorpusFigure, String> baseOverride = new java.util.IdentityHashMap<>();
    private final Map<CorpusFigure, Optional<LocalDate>> occasions = new java.util.IdentityHashMap<>();
    private final Map<CorpusFigure, Optional<String>> verbs = new java.util.IdentityHashMap<>();

    public MeasureGrouper(EmbeddingModel embeddingModel) {
        this(embeddingModel, DEFAULT_THRESHOLD, DEFAULT_CONTEXT_THRESHOLD);
    }

    public MeasureGrouper(EmbeddingModel embeddingModel, double threshold, double contextThreshold) {
        this.embeddingModel = embeddingModel;
        this.threshold = threshold;
        this.contextThreshold = contextThreshold;
    }

    public double threshold() {
        return threshold;
    }

    public List<Measure> group(List<CorpusFigure> figures) {
        List<CorpusFigure> ordered = new ArrayList<>(figures);
        ordered.sort(Comparator.comparing(CorpusFigure::articleId).thenComparingInt(f -> f.figure().start()));
        anaphoricBases(ordered);
        embedAll(ordered.stream().map(this::phrase).filter(p -> p != null).toList());
        embedAll(ordered.stream().filter(f -> phrase(f) == null).map(f -> f.figure().sentence()).toList());

        Map<String, List<CorpusFigure>> blocks = new LinkedHashMap<>();
        List<CorpusFigure> eventless = new ArrayList<>();
        for (CorpusFigure figure : ordered) {
            if (figure.figure().event() == null) {
                if (!incidental(figure.figure())) {
                    eventless.add(figure);
                }
                continue;
            }
            blocks.computeIfAbsent(blockKey(figure, ordered), k -> new ArrayList<>()).add(figure);
        }

        List<List<CorpusFigure>> clusters = new ArrayList<>();
        for (List<CorpusFigure> block : blocks.values()) {
            clusters.addAll(clusterBlock(block));
        }
        Map<String, List<CorpusFigure>> unplaced = new LinkedHashMap<>();
        for (CorpusFigure figure : eventless) {
            List<CorpusFigure> best = null;
            double bestSimilarity = threshold;
            for (List<CorpusFigure> cluster : figure.figure().kind() == Kind.COUNT && phrase(figure) != null ? clusters
                    : List.<List<CorpusFigure>>of()) {
                String event = cluster.get(0).figure().event();
                if (!EventLexicon.isStock(event) || cluster.get(0).figure().kind() != Kind.COUNT
                        || !compatibleWithAll(figure, cluster) || !sameOrder(figure, cluster)) {
                    continue;
                }
                double similarity = averageSimilarity(phrase(figure), cluster);
                if (similarity >= bestSimilarity) {
                    bestSimilarity = similarity;
                    best = cluster;
                }
            }
            if (best != null) {
                best.add(figure);
            } else {
                unplaced.computeIfAbsent(family(figure.figure()), k -> new ArrayList<>()).add(figure);
            }
        }
        for (List<CorpusFigure> block : unplaced.values()) {
            clusters.addAll(clusterEventless(block));
        }
        return toMeasures(clusters);
    }

    /**
     * Whether a count with no event word is of the size of a standing group's stated sizes: "11,000 troops retreated"
     * may be the 10,000 to 12,000 deployed, "two people are in serious condition" is not the crowd of 5,000.
     */
    private static boolean sameOrder(CorpusFigure figure, List<CorpusFigure> cluster) {
        Double value = figure.figure().high() != null ? figure.figure().high() : figure.figure().low();
        List<Double> sizes = cluster.stream().filter(m -> m.figure().kind() == Kind.COUNT)
                .map(m -> m.figure().high() != null ? m.figure().high() : m.figure().low()).filter(v -> v != null)
                .sorted().toList();
        if (value == null || sizes.isEmpty()) {
            return false;
        }
        double median = sizes.get(sizes.size() / 2);
        return value >= median / SAME_ORDER_FACTOR && value <= median * SAME_ORDER_FACTOR;
    }

    static boolean incidental(ExtractedFigure f) {
        return f.event() == null && f.kind() == Kind.COUNT && f.high() != null && f.high() < INCIDENTAL_BELOW
                && INTRODUCED_AS_REFERENCE.matcher(before(f)).find();
    }

    /**
     * Whether two figures may be one measure at all: not when they count the same kind of event on days apart (two
     * attacks, two marches), nor when neither has an event word and their counted things do different things
     * ("77 zebras escaped", "12 dogs barked").
     */
    private boolean compatible(CorpusFigure a, CorpusFigure b) {
        LocalDate da = occasion(a);
        LocalDate db = occasion(b);
        if (da != null && db != null && Math.abs(ChronoUnit.DAYS.between(da, db)) > OCCASION_DAYS_APART) {
            return false;
        }
        if (a.figure().event() == null && b.figure().event() == null) {
            String va = verb(a);
            String vb = verb(b);
            return va == null || vb == null || va.equals(vb);
        }
        return true;
    }

    private boolean compatibleWithAll(CorpusFigure figure, List<CorpusFigure> cluster) {
        return cluster.stream().allMatch(member -> compatible(figure, member));
    }

    /** The day the event a figure counts happened, for events that happen on a day, else null. */
    private LocalDate occasion(CorpusFigure figure) {
        if (!EventLexicon.isOccurrence(figure.figure().event())) {
            return null;
        }
        return occasions.computeIfAbsent(figure,
                f -> Optional.ofNullable(TimeReferences.occasion(f.figure(), f.articleDate()))).orElse(null);
    }

    private String verb(CorpusFigure figure) {
        return verbs.computeIfAbsent(figure, f -> Optional.ofNullable(MeasureLabels.verbAfterCounted(f.figure())))
                .orElse(null);
    }

    /** Cosine similarity of two phrases under the grouping model. */
    public double similarity(String a, String b) {
        embedAll(List.of(a, b));
        return textCosine(a, b);
    }

    /**
     * Event, family of number and period: counts and shares of a count go together, money in one currency,
     * durations with start times. A figure dated more than a year before its article describes an earlier episode;
     * an "additional" figure after one of the same event in its sentence is an increment, not a total; "240 of them"
     * after a figure of the same event in its sentence is a part of that whole, not another estimate of it; a figure
     * "a year" or "annual" is a rate, not a total; the "from" and "to" figures of a change are the levels before and
     * after it, not the change.
     */
    private static String blockKey(CorpusFigure figure, List<CorpusFigure> all) {
        ExtractedFigure f = figure.figure();
        String family = family(f);
        String period = f.asOf() != null && figure.articleDate() != null
                && f.asOf().isBefore(figure.articleDate().minusYears(1)) ? "-" + f.asOf().getYear() : "";
        boolean afterSameEvent = all.stream().anyMatch(other -> other != figure
                && other.articleId().equals(figure.articleId()) && other.figure().sentenceStart() == f.sentenceStart()
                && other.figure().start() < f.start() && f.event().equals(other.figure().event())
                && other.figure().kind() != Kind.PERCENT);
        boolean increment = "additional".equals(f.qualifier()) && afterSameEvent;
        boolean part = afterSameEvent && PART_OF.matcher(after(f)).lookingAt();
        String level = "";
        if (EventLexicon.isChange(f.event())) {
            level = CHANGE_FROM.matcher(before(f)).find() ? "|level-before" : CHANGE_TO.matcher(before(f)).find() ? "|level-after" : "";
        }
        String rate = RATE_AFTER.matcher(after(f)).lookingAt() || RATE_BEFORE.matcher(before(f)).find() ? "|rate" : "";
        return f.event() + "|" + family + period + (increment ? "|increment" : "") + (part ? "|part" : "") + level + rate;
    }

    private static String before(ExtractedFigure f) {
        return f.sentence().substring(0, Math.max(0, f.start() - f.sentenceStart()));
    }

    private static String after(ExtractedFigure f) {
        return f.sentence().substring(Math.min(f.sentence().length(), f.end() - f.sentenceStart()));
    }

    private static String family(ExtractedFigure f) {
        return switch (f.kind()) {
            case COUNT, PERCENT -> "count";
            case MONEY -> "money-" + f.unit();
            case DURATION, TIME_REFERENCE -> "duration";
            case MEASUREMENT -> "measurement-" + f.unit();
        };
    }

    /**
     * Figures of one story that no event word ties to anything: those naming what they count cluster by that phrase;
     * one naming nothing joins the cluster whose sentences are most like its own, never one holding a figure of its
     * own sentence ("more than 300 millimetres in 24 hours" states two different things), else stands alone.
     */
    private List<List<CorpusFigure>> clusterEventless(List<CorpusFigure> block) {
        List<CorpusFigure> withoutPhrase = new ArrayList<>();
        List<List<CorpusFigure>> clusters = clustersByPhrase(block, withoutPhrase);
        for (CorpusFigure figure : withoutPhrase) {
            List<CorpusFigure> best = null;
            double bestSimilarity = contextThreshold;
            for (List<CorpusFigure> cluster : clusters) {
                boolean sameSentence = cluster.stream().anyMatch(m -> m.articleId().equals(figure.articleId())
                        && m.figure().sentenceStart() == figure.figure().sentenceStart());
                double similarity = sameSentence ? 0 : contextSimilarity(figure, cluster);
                if (similarity >= bestSimilarity) {
                    bestSimilarity = similarity;
                    best = cluster;
                }
            }
            if (best == null) {
                best = new ArrayList<>();
                clusters.add(best);
            }
            best.add(figure);
        }
        return clusters;
    }

    /** Clusters the figures that name what they count by that phrase; the others are added to {@code withoutPhrase}. */
    private List<List<CorpusFigure>> clustersByPhrase(List<CorpusFigure> block, List<CorpusFigure> withoutPhrase) {
        List<List<CorpusFigure>> clusters = new ArrayList<>();
        for (CorpusFigure figure : block) {
            if (phrase(figure) == null) {
                withoutPhrase.add(figure);
            } else {
                List<CorpusFigure> single = new ArrayList<>();
                single.add(figure);
                clusters.add(single);
            }
        }
        mergeClusters(clusters);
        return clusters;
    }

    private List<List<CorpusFigure>> clusterBlock(List<CorpusFigure> block) {
        List<CorpusFigure> withoutPhrase = new ArrayList<>();
        List<List<CorpusFigure>> clusters = clustersByPhrase(block, withoutPhrase);
        for (CorpusFigure figure : withoutPhrase) {
            List<CorpusFigure> best = null;
            double bestSimilarity = contextThreshold;
            for (List<CorpusFigure> cluster : clusters) {
                double similarity = contextSimilarity(figure, cluster);
                if (similarity >= bestSimilarity) {
                    bestSimilarity = similarity;
                    best = cluster;
                }
            }
            if (best == null) {
                best = clusters.stream().filter(c -> c.stream().allMatch(m -> phrase(m) == null
                        && m.articleId().equals(figure.articleId()) && compatible(figure, m))).findFirst().orElse(null);
            }
            if (best == null) {
                best = new ArrayList<>();
                clusters.add(best);
            }
            best.add(figure);
        }
        return clusters;
    }

    /**
     * How alike the sentences of a figure and of a cluster's members are. A figure from an article that already has
     * a member in the cluster, stated in a sentence about the same event, is also taken as alike.
     */
    private double contextSimilarity(CorpusFigure figure, List<CorpusFigure> cluster) {
        if (!compatibleWithAll(figure, cluster)) {
            return 0;
        }
        double sum = 0;
        for (CorpusFigure member : cluster) {
            sum += Vectors.cosine(sentenceVector(figure), sentenceVector(member));
        }
        return sum / cluster.size();
    }

    private float[] sentenceVector(CorpusFigure figure) {
        String sentence = figure.figure().sentence();
        if (!embeddings.containsKey(sentence)) {
            embedAll(List.of(sentence));
        }
        return embeddings.get(sentence);
    }

    /**
     * Average-linkage agglomeration: merge the most similar pair while it is at or above the threshold (ties go to the
     * later pair). The sums of member similarities between clusters are kept and added up on a merge (the
     * Lance-Williams update for average linkage), so no similarity is computed twice and a merge costs a pass over
     * the clusters rather than over every pair of figures.
     */
    private void mergeClusters(List<List<CorpusFigure>> clusters) {
        int n = clusters.size();
        double[][] sums = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sums[i][j] = linkage(clusters.get(i), clusters.get(j)) * clusters.get(i).size() * clusters.get(j).size();
                sums[j][i] = sums[i][j];
            }
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(i);
        }
        while (clusters.size() > 1) {
            int bestA = -1;
            int bestB = -1;
            double best = threshold;
            for (int a = 0; a < clusters.size(); a++) {
                for (int b = a + 1; b < clusters.size(); b++) {
                    double similarity = sums[rows.get(a)][rows.get(b)] / (clusters.get(a).size() * clusters.get(b).size());
                    if (similarity >= best) {
                        best = similarity;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (bestA < 0) {
                return;
            }
            int kept = rows.get(bestA);
            int gone = rows.get(bestB);
            for (int row : rows) {
                sums[kept][row] += sums[gone][row];
                sums[row][kept] = sums[kept][row];
            }
            clusters.get(bestA).addAll(clusters.remove(bestB));
            rows.remove(bestB);
        }
    }

    private double linkage(List<CorpusFigure> a, List<CorpusFigure> b) {
        double sum = 0;
        for (CorpusFigure x : a) {
            for (CorpusFigure y : b) {
                sum += compatible(x, y) ? textCosine(phrase(x), phrase(y)) : INCOMPATIBLE;
            }
        }
        return sum / (a.size() * b.size());
    }

    private double averageSimilarity(String text, List<CorpusFigure> cluster) {
        double sum = 0;
        int count = 0;
        for (CorpusFigure member : cluster) {
            String other = phrase(member);
            if (other != null) {
                sum += textCosine(text, other);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /**
     * "11,000 troops retreated, with up to 40% of personnel killed": a share whose base follows a count in the same
     * sentence is a share of what that count counts.
     */
    private void anaphoricBases(List<CorpusFigure> ordered) {
        baseOverride.clear();
        for (CorpusFigure share : ordered) {
            ExtractedFigure s = share.figure();
            if (s.kind() != Kind.PERCENT || s.percentOf() == null) {
                continue;
            }
            ordered.stream().filter(c -> c.articleId().equals(share.articleId()) && c.figure().sentenceStart() == s.sentenceStart()
                    && c.figure().start() < s.start() && c.figure().kind() == Kind.COUNT && c.figure().counted() != null)
                    .reduce((first, second) -> second)
                    .ifPresent(count -> baseOverride.put(share, phrase(count)));
        }
    }

    /**
     * What a figure counts, in words: its counted phrase, or the base of a share, without determiners and without a
     * trailing participle ("the North Korean troops deployed" counts "north korean troops"). Pronouns name nothing.
     */
    private String phrase(CorpusFigure figure) {
        String override = baseOverride.get(figure);
        return override != null ? override : ownPhrases.computeIfAbsent(figure, f -> Optional.ofNullable(ownPhrase(f))).orElse(null);
    }

    static String ownPhrase(CorpusFigure figure) {
        ExtractedFigure f = figure.figure();
        String phrase = f.counted() != null ? f.counted() : f.percentOf();
        if (phrase == null) {
            return null;
        }
        String normalized = TRAILING_PARTICIPLE.matcher(LEADING_DETERMINER.matcher(phrase.toLowerCase(Locale.ROOT)).replaceFirst(""))
                .replaceFirst("").trim();
        if (normalized.isEmpty() || Words.PRONOUNS.contains(normalized) || normalized.endsWith("ed")) {
            return null;
        }
        // "41 deaths", "9,000 protesters": for an event that happens on a day the phrase names the event, not a
        // separate thing counted, so it is placed by its sentence like a figure that names nothing ("jobs" of a
        // workforce do name what is counted)
        return EventLexicon.isOccurrence(f.event()) && EventLexicon.names(headNoun(normalized), f.event()) ? null : normalized;
    }

    private void embedAll(List<String> texts) {
        List<String> missing = texts.stream().filter(t -> !embeddings.containsKey(t)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        List<Embedding> vectors = embeddingModel.embedAll(missing.stream().map(TextSegment::from).toList()).content();
        for (int i = 0; i < missing.size(); i++) {
            embeddings.put(missing.get(i), vectors.get(i).vector());
        }
    }

    /**
     * Cosine of two embedded texts, remembered: a story's figures name few distinct things ("soldiers", "troops"), so
     * average linkage over hundreds of figures compares the same pairs of phrases again and again.
     */
    private double textCosine(String a, String b) {
        String key = a.compareTo(b) <= 0 ? a + '\u0000' + b : b + '\u0000' + a;
        Double known = cosines.get(key);
        if (known == null) {
            known = Vectors.cosine(embeddings.get(a), embeddings.get(b));
            cosines.put(key, known);
        }
        return known;
    }

    private List<Measure> toMeasures(List<List<CorpusFigure>> clusters) {
        List<String> labels = new ArrayList<>();
        for (List<CorpusFigure> cluster : clusters) {
            cluster.sort(Comparator.comparing(CorpusFigure::articleId).thenComparingInt(f -> f.figure().start()));
            labels.add(MeasureLabels.of(event(cluster), cluster));
        }
        List<String> whens = clusters.stream().map(this::when).toList();
        List<Measure> measures = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int c = 0; c < clusters.size(); c++) {
            List<CorpusFigure> cluster = clusters.get(c);
            String event = event(cluster);
            String label = labels.get(c);
            String when = whens.get(c);
            boolean namesakeAtAnotherTime = false;
            for (int other = 0; other < clusters.size(); other++) {
                namesakeAtAnotherTime |= other != c && labels.get(other).equals(label) && !Objects.equals(whens.get(other), when);
            }
            if (when != null && !label.isBlank() && namesakeAtAnotherTime) {
                // two occurrences of one kind of event, or an earlier episode: the reader tells them apart by their time
                label = label + " (" + when + ")";
            }
            String counted = mostCommonPhrase(cluster);
            String base = slug((event == null ? "count" : event) + (counted == null ? "" : "-" + headNoun(counted)));
            String id = base;
            for (int n = 2; !ids.add(id); n++) {
                id = base + "-" + n;
            }
            measures.add(new Measure(id, label, event, List.copyOf(cluster)));
        }
        return measures;
    }

    /** The day a cluster's event happened ("March 8"), or the year of an earlier episode ("1987"), or null. */
    private String when(List<CorpusFigure> cluster) {
        LocalDate occasion = cluster.stream().map(this::occasion).filter(d -> d != null).findFirst().orElse(null);
        if (occasion != null) {
            return occasion.format(DAY);
        }
        return cluster.stream().map(CorpusFigure::figure).filter(f -> f.asOf() != null)
                .filter(f -> cluster.stream().anyMatch(m -> m.articleDate() != null && m.figure() == f
                        && f.asOf().isBefore(m.articleDate().minusYears(1))))
                .map(f -> String.valueOf(f.asOf().getYear())).findFirst().orElse(null);
    }

    private static String mostCommonPhrase(List<CorpusFigure> cluster) {
        Map<String, Long> counts = cluster.stream().map(f -> f.figure().counted()).filter(c -> c != null)
                .collect(Collectors.groupingBy(c -> c, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(e -> -e.getKey().length())).map(Map.Entry::getKey).orElse(null);
    }

    private static String event(List<CorpusFigure> cluster) {
        return cluster.stream().map(f -> f.figure().event()).filter(e -> e != null).findFirst().orElse(null);
    }

    private static String headNoun(String phrase) {
        String[] words = phrase.split("\\s+");
        return words[words.length - 1];
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
