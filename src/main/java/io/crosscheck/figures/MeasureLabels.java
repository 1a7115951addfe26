package io.crosscheck.figures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.crosscheck.figures.Quantity.Kind;
import io.crosscheck.figures.Words.Token;

/**
 * Names a measure the way a reader would: the counted thing and the event ("North Korean soldiers killed", "members
 * of the crew missing", "zebras escaped", "square miles of territory"). A counted word that already names the event
 * ("deaths", "protesters") is the name on its own, never "deaths killed".
 */
final class MeasureLabels {

    /** Words of an "of" complement kept in a name: "members of the Red Cross", not a whole clause. */
    private static final int COMPLEMENT_WORDS_MAX = 3;
    /** How far after a figure its counted phrase may start ("300 more soldiers"). */
    private static final int COUNTED_REACH = 20;

    private MeasureLabels() {
    }

    /** The name of a cluster of figures of one event class (null when no event word ties them). */
    static String of(String event, List<CorpusFigure> cluster) {
        ExtractedFigure first = cluster.get(0).figure();
        Predicate<String> namesEvent = counted -> EventLexicon.names(head(counted), event);
        String counted = mostCommon(cluster, c -> !namesEvent.test(c));
        boolean eventNoun = false;
        if (counted == null) {
            counted = mostCommon(cluster, c -> true);
            eventNoun = counted != null && event != null;
        }
        String what = counted == null ? "" : counted.replaceFirst("(?i)^(?:the|those|these)\\s+", "")
                + complementOf(counted, cluster);
        String money = first.kind() == Kind.MONEY ? " (" + first.unit() + ")" : "";
        if (event == null) {
            String verb = counted == null ? null : verbOf(counted, cluster);
            return (what + (verb == null ? "" : " " + verb)).trim();
        }
        if (eventNoun) {
            return (what + money).trim();
        }
        String happened = switch (event) {
            case EventLexicon.CASUALTIES -> "killed or wounded";
            case EventLexicon.ABSENT -> "absence (how long)";
            case EventLexicon.DELAYED -> "delay (how long)";
            default -> event;
        };
        return ((what.isEmpty() ? "" : what + " ") + happened + money).trim();
    }

    /**
     * A measure grouped without an event word or a counted noun ("500 square miles of territory", "900 acres had
     * burned") is named by its unit and what the sentence says right after it; one with nothing to go by keeps its
     * empty name and is left out.
     */
    static MeasureVerdict named(MeasureVerdict verdict) {
        if (verdict.label() != null && !verdict.label().isBlank()) {
            return verdict;
        }
        String unit = verdict.figures().get(0).unit();
        if (unit == null || unit.equals("count")) {
            return verdict.withLabel("");
        }
        for (ReportedFigure figure : verdict.figures()) {
            String after = afterUnit(figure.sentence().substring(Math.min(figure.sentence().length(),
                    Math.max(0, figure.end() - figure.sentenceStart()))), unit);
            String complement = complement(after);
            String verb = complement.isEmpty() ? verb(after) : null;
            if (!complement.isEmpty() || verb != null) {
                return verdict.withLabel(unit + (complement.isEmpty() ? " " + verb : complement));
            }
        }
        return verdict.withLabel(unit);
    }

    private static String afterUnit(String after, String unit) {
        String trimmed = after.stripLeading();
        return trimmed.toLowerCase(Locale.ROOT).startsWith(unit.toLowerCase(Locale.ROOT))
                ? trimmed.substring(unit.length()) : after;
    }

    private static String mostCommon(List<CorpusFigure> cluster, Predicate<String> accepted) {
        // "those arrested" names the counted by an earlier event, which the label already says better without it
        Map<String, Long> counts = cluster.stream().map(f -> f.figure().counted())
                .filter(c -> c != null && !head(c).endsWith("ed") && accepted.test(c))
                .collect(Collectors.groupingBy(c -> c, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(e -> -e.getKey().length())).map(Map.Entry::getKey).orElse(null);
    }

    /** " of the Red Cross" when a member states the counted phrase with such a complement, else "". */
    private static String complementOf(String counted, List<CorpusFigure> cluster) {
        for (CorpusFigure member : cluster) {
            String after = afterCounted(member.figure(), counted);
            String complement = after == null ? "" : complement(after);
            if (!complement.isEmpty()) {
                return complement;
            }
        }
        return "";
    }

    private static String verbOf(String counted, List<CorpusFigure> cluster) {
        for (CorpusFigure member : cluster) {
            String after = afterCounted(member.figure(), counted);
            String verb = after == null ? null : verb(after);
            if (verb != null) {
                return verb;
            }
        }
        return null;
    }

    /** The verb a figure's counted phrase is the subject of, when it is a past form: "77 zebras escaped". */
    static String verbAfterCounted(ExtractedFigure figure) {
        String after = figure.counted() == null ? null : afterCounted(figure, figure.counted());
        return after == null ? null : verb(after);
    }

    /** The text of a figure's sentence after its counted phrase, or null when the phrase is not right after it. */
    private static String afterCounted(ExtractedFigure figure, String counted) {
        if (figure.counted() == null || !figure.counted().equals(counted)) {
            return null;
        }
        String after = figure.sentence().substring(Math.min(figure.sentence().length(),
                Math.max(0, figure.end() - figure.sentenceStart())));
        int at = after.indexOf(counted);
        return at < 0 || at > COUNTED_REACH ? null : after.substring(at + counted.length());
    }

    /** " of the Red Cross" from " of the Red Cross were killed": a short noun phrase after "of". */
    static String complement(String after) {
        List<Token> tokens = Words.tokenize(after, 0, after.length());
        if (tokens.isEmpty() || !tokens.get(0).is("of")) {
            return "";
        }
        int i = 1;
        if (i < tokens.size() && tokens.get(i).is("the", "a", "an", "its", "their", "his", "her")) {
            i++;
        }
        int firstWord = i;
        while (i < tokens.size() && i - firstWord < COMPLEMENT_WORDS_MAX && isNameWord(tokens, i)) {
            i++;
        }
        return i == firstWord ? "" : " " + after.substring(tokens.get(0).start(), tokens.get(i - 1).end()).trim();
    }

    private static boolean isNameWord(List<Token> tokens, int i) {
        Token token = tokens.get(i);
        String lower = token.lower();
        return token.isWord() && !Words.isFunctionWord(lower) && !Words.COMMON_VERBS.contains(lower)
                && (token.isCapitalized() || !lower.endsWith("ed") && EventLexicon.at(tokens, i) == null);
    }

    /** "escaped" from " escaped from the zoo", "burned" from " had burned by Monday": a past form after auxiliaries. */
    static String verb(String after) {
        List<Token> tokens = Words.tokenize(after, 0, after.length());
        for (Token token : tokens) {
            if (Words.AUXILIARIES.contains(token.lower()) || token.lower().endsWith("ly") && token.lower().length() > 4) {
                continue;
            }
            boolean pastForm = token.isWord() && !token.isCapitalized() && token.lower().endsWith("ed")
                    && !Words.isFunctionWord(token.lower());
            return pastForm ? token.lower() : null;
        }
        return null;
    }

    private static String head(String phrase) {
        String[] words = phrase.toLowerCase(Locale.ROOT).split("\\s+");
        return words[words.length - 1];
    }
}
