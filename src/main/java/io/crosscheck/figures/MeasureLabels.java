package io.crosscheck.figures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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

    /*
     * The word sets below are general English (qualifiers of a number, units of time, frequent irregular past forms),
     * not the wording of any corpus. They are used for the label text only: grouping reads the counted phrase and
     * verbAfterCounted, which do not use them, so a measure's figures stay the same whatever its label says.
     */
    /** Words between a number and what it attaches to ("for a further 300 million", "at least three"). */
    private static final Set<String> QUALIFIERS = Set.of("about", "around", "nearly", "almost", "some", "roughly",
            "approximately", "a", "an", "the", "further", "another", "additional", "more", "less", "fewer", "than", "up",
            "to", "at", "least", "most", "over", "under", "just", "only", "well", "between", "estimated", "total", "of");
    /** Counted words that say a figure is a multiple of another, not a number of things. */
    private static final Set<String> MULTIPLIERS = Set.of("times", "fold");
    /** Units of time: a number after "every day" or "each year" is a frequency, not what the measure counts. */
    private static final Set<String> TIME_WORDS = Set.of("second", "minute", "hour", "day", "night", "week", "month",
            "year", "decade", "time");
    /** A duration that places something in time rather than measuring it: "four hours later", "two weeks ago". */
    private static final Pattern TIME_PLACED = Pattern.compile("(?i)^\\s*(?:later|earlier|ago|before|after|afterwards)\\b");
    /** A time phrase read into the end of a counted phrase ("1,200 jobs next year"): when, not what is counted. */
    private static final Pattern TIME_TAIL = Pattern.compile(
            "(?i)\\s+(?:next|last|this|each|every|a|per)\\s+(?:second|minute|hour|day|night|week|month|year|decade)s?$");
    /** Linking verbs that join a subject to the state a duration measures ("the bridge will stay closed for six weeks"). */
    private static final Set<String> LINKING_VERBS = Set.of("stay", "stays", "stayed", "staying", "remain", "remains",
            "remained", "remaining", "become", "becomes", "became", "get", "gets", "got");
    /** Irregular past forms of frequent verbs ("the bridge was shut for six weeks", "jobs they cut"); regular ones end in -ed. */
    private static final Set<String> IRREGULAR_PAST = Set.of("took", "made", "went", "came", "got", "ran", "left", "fell",
            "rose", "stood", "lost", "won", "kept", "fled", "shut", "cut", "spent", "paid", "sold", "built", "held", "hurt",
            "quit", "gave", "given", "taken", "gone", "fallen", "risen", "shot", "struck", "stolen", "broken", "frozen",
            "drove", "driven", "flew", "flown", "grew", "grown", "began", "begun", "sank", "sunk", "burnt");

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
        if (counted != null && event != null && MULTIPLIERS.contains(head(counted))) {
            // "three times the amount foreseen" compares with another figure rather than counting "times"
            return happened(event) + " (times as much)";
        }
        String what = counted == null ? "" : counted.replaceFirst("(?i)^(?:the|those|these)\\s+", "")
                .replaceFirst(TIME_TAIL.pattern(), "") + complementOf(counted, cluster);
        String money = first.kind() == Kind.MONEY ? " (" + first.unit() + ")" : "";
        if (event == null) {
            String verb = counted == null ? null : verbOf(counted, cluster);
            return (what + (verb == null ? "" : " " + verb)).trim();
        }
        // a standing group ("jobs", "workers") says what happened to it by the past form it is the object of
        // ("will cut up to 1,200 jobs" is "jobs cut", not "jobs employed")
        String verb = EventLexicon.isStock(event) ? verbBefore(cluster) : null;
        if (verb != null) {
            return (what + " " + verb + money).trim();
        }
        if (eventNoun) {
            return (what + money).trim();
        }
        return ((what.isEmpty() ? "" : what + " ") + happened(event) + money).trim();
    }

    private static String happened(String event) {
        return switch (event) {
            case EventLexicon.CASUALTIES -> "killed or wounded";
            case EventLexicon.ABSENT -> "absence (how long)";
            case EventLexicon.DELAYED -> "delay (how long)";
            default -> event;
        };
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
        for (ReportedFigure figure : verdict.figures()) {
            String attached = attached(figure);
            if (attached != null) {
                return verdict.withLabel(attached + " (" + unit + ")");
            }
        }
        return verdict.withLabel(unit);
    }

    /**
     * What a number that counts nothing attaches to in its sentence, so that a measure reads as the thing measured
     * rather than its unit alone: the noun it modifies ("the 4.2-kilometre tunnel"), or, read back over qualifiers
     * and prepositions, the past form it completes with that verb's subject ("the bridge will be closed for six
     * weeks", "rain fell in 24 hours") or the noun it belongs to ("claims for a further 300 million euros"). A number
     * placing something in time ("four hours later") attaches to nothing; nor does one after a time word ("every day
     * for 31 years"), which is a frequency, not the measured thing.
     */
    static String attached(ReportedFigure figure) {
        String sentence = figure.sentence();
        int start = figure.start() - figure.sentenceStart();
        int end = figure.end() - figure.sentenceStart();
        if (start < 0 || end > sentence.length() || start >= end) {
            return null;
        }
        if (TIME_PLACED.matcher(sentence.substring(end)).lookingAt()) {
            return null;
        }
        List<Token> tokens = Words.tokenize(sentence, 0, sentence.length());
        if (sentence.substring(start, end).contains("-")) {
            int next = Words.indexAtOrAfter(tokens, end);
            if (next >= 0 && next < tokens.size() && isThing(tokens.get(next))) {
                return tokens.get(next).text();
            }
        }
        int i = Words.indexBefore(tokens, start);
        while (i >= 0 && (QUALIFIERS.contains(tokens.get(i).lower()) || Words.PREPOSITIONS.contains(tokens.get(i).lower()))) {
            i--;
        }
        if (i < 0 || !tokens.get(i).isWord()) {
            return null;
        }
        Token word = tokens.get(i);
        boolean afterVerbModifier = i > 0 && (isAdverb(tokens.get(i - 1)) || Words.AUXILIARIES.contains(tokens.get(i - 1).lower()));
        if (isPastForm(word) || afterVerbModifier && isThing(word)) {
            int subject = i - 1;
            while (subject >= 0 && (Words.AUXILIARIES.contains(tokens.get(subject).lower()) || isAdverb(tokens.get(subject))
                    || LINKING_VERBS.contains(tokens.get(subject).lower()))) {
                subject--;
            }
            // "the peak flow of the river had reached": the subject is the head before its "of" complement
            int of = subject - 1;
            while (of >= 0 && Words.DETERMINERS.contains(tokens.get(of).lower())) {
                of--;
            }
            if (of > 0 && tokens.get(of).is("of") && isThing(tokens.get(of - 1))) {
                subject = of - 1;
            }
            return subject >= 0 && isThing(tokens.get(subject))
                    ? (subject == 0 ? tokens.get(subject).lower() : tokens.get(subject).text()) + " " + word.lower() : word.lower();
        }
        return isThing(word) && !TIME_WORDS.contains(word.lower().replaceFirst("s$", "")) ? (i == 0 ? word.lower() : word.text())
                : null;
    }

    /**
     * The past form a cluster's figure is the object of ("will cut up to 1,200 jobs", "eliminated 300 posts"): a counted
     * noun that names a standing group alone ("jobs") does not say what happened to it, whereas one naming an event
     * ("41 deaths") does.
     */
    private static String verbBefore(List<CorpusFigure> cluster) {
        for (CorpusFigure member : cluster) {
            ExtractedFigure figure = member.figure();
            int start = figure.start() - figure.sentenceStart();
            if (start <= 0 || start > figure.sentence().length()) {
                continue;
            }
            List<Token> tokens = Words.tokenize(figure.sentence(), 0, start);
            int i = tokens.size() - 1;
            while (i >= 0 && QUALIFIERS.contains(tokens.get(i).lower()) && !tokens.get(i).is("of")) {
                i--;
            }
            if (i >= 0 && isPastForm(tokens.get(i))) {
                return tokens.get(i).lower();
            }
        }
        return null;
    }

    private static boolean isPastForm(Token token) {
        String lower = token.lower();
        return token.isWord() && !token.isCapitalized() && !Words.isFunctionWord(lower)
                && (lower.endsWith("ed") || IRREGULAR_PAST.contains(lower));
    }

    private static boolean isAdverb(Token token) {
        return token.lower().endsWith("ly") && token.lower().length() > 4;
    }

    /** A word that can name a thing: not a function word, a frequent verb, an adverb or a past form. */
    private static boolean isThing(Token token) {
        String lower = token.lower();
        return token.isWord() && lower.length() > 2 && !Words.isFunctionWord(lower) && !Words.COMMON_VERBS.contains(lower)
                && !isAdverb(token) && !isPastForm(token) && !Words.SENTENCE_ADVERBS.contains(lower);
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
