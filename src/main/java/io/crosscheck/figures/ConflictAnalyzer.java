package io.crosscheck.figures;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.crosscheck.figures.MeasureVerdict.Status;
import io.crosscheck.figures.Quantity.Kind;

/**
 * Groups a corpus's figures into measures and says, per measure, whether the sources conflict, agree, changed over
 * time or are a single source. Adds derived figures first (a total from parts stated together, a share converted to
 * a count when its base is in the corpus) and flags articles whose own figures for a measure cannot both hold.
 * <p>
 * Bounds are compared as the reading a news report invites, not as bare logic: "up to N" and "as high as N" claim a
 * value in the upper half of [0, N]; "more than N" a value below 2N; "nearly N" within 15% under N; "about N"
 * within 10%. Two figures conflict when those readings do not overlap for the same thing at the same time.
 */
public final class ConflictAnalyzer {

    private static final double APPROXIMATE_TOLERANCE = 0.10;
    private static final double EXACT_TOLERANCE = 0.02;
    private static final double NEARLY_SPAN = 0.15;
    private static final double OPEN_LOWER_FACTOR = 2;
    private static final double VAGUE_FACTOR = 5;
    private static final Set<String> UPPER_ESTIMATES = Set.of("up to", "as high as", "as many as", "as much as");
    private static final Set<String> HARD_UPPER = Set.of("less than", "fewer than", "no more than", "at most");

    private final MeasureGrouper grouper;

    public ConflictAnalyzer(EmbeddingModel embeddingModel) {
        this(new MeasureGrouper(embeddingModel));
    }

    public ConflictAnalyzer(MeasureGrouper grouper) {
        this.grouper = grouper;
    }

    /** Grouping and verdicts in one call, deterministic for a given input. */
    public List<MeasureVerdict> analyze(List<CorpusFigure> figures) {
        Map<CorpusFigure, List<String>> derivedFrom = new IdentityHashMap<>();
        List<CorpusFigure> all = new ArrayList<>(figures);
        all.addAll(totalsOfParts(figures, derivedFrom));
        List<Measure> measures = grouper.group(all);
        List<MeasureVerdict> verdicts = new ArrayList<>();
        for (Measure measure : measures) {
            List<CorpusFigure> members = new ArrayList<>(measure.figures());
            members.addAll(sharesAsCounts(measure, measures, derivedFrom));
            verdicts.add(verdict(measure, members, derivedFrom));
        }
        return verdicts;
    }

    /** "at least 300 have died, with another 2,700 injured": killed and wounded stated together add up to casualties. */
    static List<CorpusFigure> totalsOfParts(List<CorpusFigure> figures, Map<CorpusFigure, List<String>> derivedFrom) {
        List<CorpusFigure> totals = new ArrayList<>();
        for (CorpusFigure killed : figures) {
            ExtractedFigure k = killed.figure();
            if (!EventLexicon.KILLED.equals(k.event()) || k.kind() != Kind.COUNT) {
                continue;
            }
            for (CorpusFigure wounded : figures) {
                ExtractedFigure w = wounded.figure();
                if (!EventLexicon.WOUNDED.equals(w.event()) || w.kind() != Kind.COUNT
                        || !wounded.articleId().equals(killed.articleId()) || w.sentenceStart() != k.sentenceStart()
                        || k.low() == null || w.low() == null) {
                    continue;
                }
                Double high = k.high() == null || w.high() == null ? null : k.high() + w.high();
                int start = Math.min(k.start(), w.start());
                int end = Math.max(k.end(), w.end());
                String span = k.sentence().substring(start - k.sentenceStart(), end - k.sentenceStart());
                ExtractedFigure total = new ExtractedFigure(span, start, end, k.low() + w.low(), high,
                        k.approximate() || w.approximate(), "derived", k.unit(), null, k.counted(), EventLexicon.CASUALTIES,
                        k.attribution() != null ? k.attribution() : w.attribution(), k.asOfText(), k.asOf(),
                        k.sentenceStart(), k.sentenceEnd(), k.sentence(), k.kind());
                CorpusFigure derived = new CorpusFigure(killed.articleId(), killed.articleTitle(), killed.outlet(),
                        killed.articleDate(), total);
                derivedFrom.put(derived, List.of(k.span() + " killed", w.span() + " wounded"));
                totals.add(derived);
            }
        }
        return totals;
    }

    /**
     * "up to 40% of personnel" becomes "up to about 4,400" when the corpus states how many personnel: a count in the
     * same sentence, else the standing-group measure whose counted phrase matches the share's base (the same
     * article's figure when it has one, else the measure's median).
     */
    private List<CorpusFigure> sharesAsCounts(Measure measure, List<Measure> measures,
            Map<CorpusFigure, List<String>> derivedFrom) {
        List<CorpusFigure> converted = new ArrayList<>();
        for (CorpusFigure share : measure.figures()) {
            ExtractedFigure s = share.figure();
            if (s.kind() != Kind.PERCENT || s.percentOf() == null) {
                continue;
            }
            CorpusFigure base = baseOf(share, measures);
            if (base == null) {
                continue;
            }
            double baseValue = midpoint(base.figure());
            Double low = s.low() == null ? null : s.low() * baseValue / 100;
            Double high = s.high() == null ? null : s.high() * baseValue / 100;
            ExtractedFigure count = new ExtractedFigure(s.span(), s.start(), s.end(), low, high, true, s.qualifier(),
                    base.figure().unit(), null, base.figure().counted(), s.event(), s.attribution(), s.asOfText(), s.asOf(),
                    s.sentenceStart(), s.sentenceEnd(), s.sentence(),
                    ExtractedFigure.classify(base.figure().unit(), base.figure().counted()));
            CorpusFigure derived = new CorpusFigure(share.articleId(), share.articleTitle(), share.outlet(),
                    share.articleDate(), count);
            derivedFrom.put(derived, List.of(s.span() + " of " + s.percentOf(), base.figure().span() + " ("
                    + base.articleId() + ")"));
            converted.add(derived);
        }
        return converted;
    }

    private CorpusFigure baseOf(CorpusFigure share, List<Measure> measures) {
        ExtractedFigure s = share.figure();
        Measure best = null;
        double bestSimilarity = grouper.threshold();
        for (Measure candidate : measures) {
            for (CorpusFigure member : candidate.figures()) {
                ExtractedFigure m = member.figure();
                if (member.articleId().equals(share.articleId()) && m.sentenceStart() == s.sentenceStart()
                        && m.start() < s.start() && m.kind() == Kind.COUNT && isPopulation(candidate)) {
                    return member;
                }
            }
            if (!isPopulation(candidate)) {
                continue;
            }
            for (CorpusFigure member : candidate.figures()) {
                String phrase = MeasureGrouper.ownPhrase(member);
                if (phrase == null || member.figure().kind() != Kind.COUNT) {
                    continue;
                }
                double similarity = grouper.similarity(phrase, MeasureGrouper.ownPhrase(share));
                if (similarity >= bestSimilarity) {
                    bestSimilarity = similarity;
                    best = candidate;
                }
            }
        }
        if (best == null) {
            return null;
        }
        List<CorpusFigure> counts = best.figures().stream()
                .filter(f -> f.figure().kind() == Kind.COUNT && f.figure().low() != null && f.figure().high() != null)
                .toList();
        return counts.stream().filter(f -> f.articleId().equals(share.articleId())).findFirst()
                .orElse(counts.isEmpty() ? null : counts.get(counts.size() / 2));
    }

    private static boolean isPopulation(Measure measure) {
        return measure.event() == null || EventLexicon.isStock(measure.event());
    }

    private static MeasureVerdict verdict(Measure measure, List<CorpusFigure> members,
            Map<CorpusFigure, List<String>> derivedFrom) {
        // every pair of figures is compared, so each figure's date is read from its sentence once
        Map<CorpusFigure, LocalDate> dates = new IdentityHashMap<>();
        members.forEach(f -> dates.put(f, effectiveDate(f)));
        List<CorpusFigure> comparable = members.stream().filter(f -> interval(f) != null).toList();
        boolean conflict = false;
        boolean changes = false;
        Set<String> selfContradictions = new LinkedHashSet<>();
        for (int a = 0; a < comparable.size(); a++) {
            for (int b = a + 1; b < comparable.size(); b++) {
                CorpusFigure x = comparable.get(a);
                CorpusFigure y = comparable.get(b);
                if (!sameScale(x, y) || overlap(interval(x), interval(y))) {
                    continue;
                }
                if (differentTimes(x, y, dates)) {
                    changes = true;
                    continue;
                }
                boolean sameArticle = x.articleId().equals(y.articleId());
                String ax = x.figure().attribution();
                String ay = y.figure().attribution();
                boolean namedSourcesDiffer = ax != null && ay != null && !ax.equalsIgnoreCase(ay);
                if (sameArticle && !namedSourcesDiffer) {
                    selfContradictions.add(x.articleId() + ": \"" + x.figure().span() + "\"" + derivedNote(x, derivedFrom)
                            + " cannot hold together with \"" + y.figure().span() + "\"" + derivedNote(y, derivedFrom));
                    continue;
                }
                conflict = true;
            }
        }
        boolean singleArticle = members.stream().map(CorpusFigure::articleId).distinct().count() == 1;
        Status status = conflict ? Status.CONFLICT : singleArticle ? Status.SINGLE_SOURCE : Status.CONSISTENT;
        List<ReportedFigure> reported = members.stream()
                .sorted(Comparator.comparing((CorpusFigure f) -> f.figure().asOf(), Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(CorpusFigure::articleId).thenComparingInt(f -> f.figure().start())
                        .thenComparing(f -> derivedFrom.containsKey(f)))
                .map(f -> report(f, derivedFrom)).toList();
        String summary = summary(status, changes, members, derivedFrom, dates);
        List<String> events = members.stream().map(f -> f.figure().event()).filter(Objects::nonNull).distinct().sorted().toList();
        return new MeasureVerdict(measure.id(), measure.label(), status, changes, summary, reported,
                List.copyOf(selfContradictions), events);
    }

    /** Shares are compared with shares; a share's converted count is compared with counts. */
    private static boolean sameScale(CorpusFigure x, CorpusFigure y) {
        return (x.figure().kind() == Kind.PERCENT) == (y.figure().kind() == Kind.PERCENT);
    }

    /** Figures dated differently (or one marked as an earlier estimate) describe different moments. */
    private static boolean differentTimes(CorpusFigure x, CorpusFigure y, Map<CorpusFigure, LocalDate> dates) {
        LocalDate dx = dates.get(x);
        LocalDate dy = dates.get(y);
        boolean earlierX = x.figure().asOfText() != null && x.figure().asOf() == null;
        boolean earlierY = y.figure().asOfText() != null && y.figure().asOf() == null;
        if (earlierX != earlierY) {
            return true;
        }
        return dx != null && dy != null && !dx.equals(dy);
    }

    /**
     * When a figure was true. For an event that happened on a day ("12 were killed in the bombing on Saturday"), the
     * day it names is when it happened, not when it was counted, so the estimate dates from its report ("officials
     * said on Wednesday", else the article's date): the same bombing counted on Sunday and on Wednesday is a change
     * over time. Grouping has already put different days' events in different measures.
     */
    private static LocalDate effectiveDate(CorpusFigure figure) {
        ExtractedFigure f = figure.figure();
        if (f.asOf() != null && EventLexicon.isOccurrence(f.event())
                && f.asOf().equals(TimeReferences.occasion(f, figure.articleDate()))) {
            LocalDate reported = TimeReferences.reportedOn(f, figure.articleDate());
            return reported != null ? reported : figure.articleDate() != null ? figure.articleDate() : f.asOf();
        }
        return f.asOf() != null ? f.asOf() : figure.articleDate();
    }

    /** The interval a figure claims under a news reading, in a common unit (days for durations). */
    private static double[] interval(CorpusFigure corpusFigure) {
        ExtractedFigure f = corpusFigure.figure();
        double scale = 1;
        if (f.kind() == Kind.DURATION) {
            scale = daysPer(f.unit());
        } else if (f.kind() == Kind.TIME_REFERENCE) {
            return null;
        }
        Double low = f.low();
        Double high = f.high();
        if (low == null && high == null) {
            return null;
        }
        String qualifier = f.qualifier() == null ? "" : f.qualifier();
        double lo;
        double hi;
        if (low != null && high != null) {
            double tolerance = f.approximate() ? APPROXIMATE_TOLERANCE : EXACT_TOLERANCE;
            lo = low * (1 - tolerance);
            hi = high * (1 + tolerance);
        } else if (low != null) {
            lo = low;
            hi = low * (f.approximate() ? VAGUE_FACTOR : OPEN_LOWER_FACTOR);
        } else if (qualifier.equals("nearly")) {
            lo = high * (1 - NEARLY_SPAN);
            hi = high;
        } else if (UPPER_ESTIMATES.contains(qualifier)) {
            lo = high / 2;
            hi = high;
        } else if (HARD_UPPER.contains(qualifier)) {
            lo = 0;
            hi = high;
        } else {
            lo = high / 2;
            hi = high;
        }
        return new double[] {lo * scale, hi * scale};
    }

    private static double daysPer(String unit) {
        return switch (unit) {
            case "seconds" -> 1.0 / 86400;
            case "minutes" -> 1.0 / 1440;
            case "hours" -> 1.0 / 24;
            case "weeks" -> 7;
            case "months" -> 30.4;
            case "years" -> 365.25;
            case "decades" -> 3652.5;
            case "centuries" -> 36525;
            default -> 1;
        };
    }

    private static boolean overlap(double[] a, double[] b) {
        return a[0] <= b[1] && b[0] <= a[1];
    }

    private static ReportedFigure report(CorpusFigure f, Map<CorpusFigure, List<String>> derivedFrom) {
        ExtractedFigure x = f.figure();
        List<String> sources = derivedFrom.getOrDefault(f, List.of());
        return new ReportedFigure(f.articleId(), f.articleTitle(), f.outlet(), x.attribution(), x.span(), x.low(),
                x.high(), x.unit(), x.qualifier(), x.sentence(), x.start(), x.end(), x.sentenceStart(), x.sentenceEnd(),
                x.asOf(), x.asOfText(), derivedFrom.containsKey(f), sources, f.articleDate());
    }

    private static String derivedNote(CorpusFigure f, Map<CorpusFigure, List<String>> derivedFrom) {
        return derivedFrom.containsKey(f) ? " (≈ " + value(f.figure()) + ")" : "";
    }

    private static String summary(Status status, boolean changes, List<CorpusFigure> members,
            Map<CorpusFigure, List<String>> derivedFrom, Map<CorpusFigure, LocalDate> dates) {
        List<CorpusFigure> sorted = members.stream()
                .sorted(Comparator.comparing((CorpusFigure f) -> dates.get(f), Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(CorpusFigure::articleId).thenComparingInt(f -> f.figure().start()))
                .toList();
        // the figures the sources stated first, those worked out from them after and marked as computed, as the chat
        // summary (answer.ConflictViews) writes them: a computed number never reads as one a source gave
        Set<String> parts = new LinkedHashSet<>();
        Set<String> computed = new LinkedHashSet<>();
        for (CorpusFigure f : sorted) {
            if (derivedFrom.containsKey(f)) {
                computed.add(value(f.figure()));
                continue;
            }
            String who = f.figure().attribution() != null ? f.figure().attribution()
                    : f.outlet() != null ? f.outlet() : f.articleId();
            String when = changes && dates.get(f) != null ? dates.get(f) + ", " : "";
            parts.add(value(f.figure()) + " (" + when + who + ")");
        }
        List<CorpusFigure> stated = members.stream().filter(f -> !derivedFrom.containsKey(f)).toList();
        if (stated.isEmpty()) {
            stated = members;
        }
        String listed = String.join(changes && status != Status.CONFLICT ? " → " : ", ", parts)
                + (computed.isEmpty() ? "" : (parts.isEmpty() ? "computed figures only: " : "; computed from these: ")
                        + String.join(", ", computed));
        return switch (status) {
            case CONFLICT -> (changes ? "Sources disagree (and estimates changed over time): " : "Sources disagree: ") + listed;
            case SINGLE_SOURCE -> (changes ? "Single source, estimates changed over time: " : "Single source: ") + listed;
            case CONSISTENT -> changes ? "Estimates changed over time: " + listed : "Sources agree: " + agreedRange(stated) + " ("
                    + articles(stated.stream().map(CorpusFigure::articleId).distinct().count()) + ")"
                    + (computed.isEmpty() ? "" : "; computed from these: " + String.join(", ", computed));
        };
    }

    /** "1 article", "3 articles". */
    public static String articles(long count) {
        return count + (count == 1 ? " article" : " articles");
    }

    private static String agreedRange(List<CorpusFigure> members) {
        List<CorpusFigure> numeric = members.stream()
                .filter(f -> f.figure().kind() != Kind.PERCENT && (f.figure().low() != null || f.figure().high() != null))
                .toList();
        if (numeric.isEmpty()) {
            numeric = members;
        }
        double min = numeric.stream().map(f -> f.figure().low() != null ? f.figure().low() : f.figure().high())
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = numeric.stream().map(f -> f.figure().high() != null ? f.figure().high() : f.figure().low())
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        String unit = numeric.get(0).figure().kind() == Kind.COUNT ? "" : " " + numeric.get(0).figure().unit();
        return (min == max ? number(min) : number(min) + "–" + number(max)) + unit;
    }

    /** A figure's value in words: "about 11,000", "up to 4,000", "at least 300", "10,000–12,000 weeks". */
    static String value(ExtractedFigure f) {
        String unit = switch (f.kind()) {
            case PERCENT -> "%";
            case DURATION, MONEY, MEASUREMENT -> " " + f.unit();
            case TIME_REFERENCE -> "";
            case COUNT -> "";
        };
        if (f.kind() == Kind.TIME_REFERENCE) {
            return f.span();
        }
        String about = f.approximate() ? "about " : "";
        if (f.low() != null && f.high() != null) {
            return f.low().equals(f.high()) ? about + number(f.low()) + unit : about + number(f.low()) + "–" + number(f.high()) + unit;
        }
        if (f.low() != null) {
            return "at least " + number(f.low()) + unit;
        }
        String bound = f.qualifier() != null && !f.qualifier().equals("derived") ? f.qualifier() : "up to";
        return bound + " " + number(f.high()) + unit;
    }

    private static String number(double value) {
        DecimalFormat format = new DecimalFormat(value >= 100 ? "#,##0" : "#,##0.#", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return format.format(value);
    }

    private static double midpoint(ExtractedFigure f) {
        return (f.low() + f.high()) / 2;
    }
}
