package io.crosscheck.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crosscheck.figures.Words.Token;

/**
 * Finds who a sentence says a figure comes from: "according to X", "X said/estimates/reported (that)", "..., X
 * said", "said X", "confirmed by X", "the X figure of N". Subjects are read backwards from the reporting verb up to a
 * clause boundary, skipping a parenthetical apposition or relative clause ("X, which organised the protest, put").
 */
final class AttributionFinder {

    private static final Set<String> REPORTING_VERBS = Set.of("said", "says", "say", "told", "tells", "stated", "states",
            "estimated", "estimates", "estimate", "estimating", "reported", "reports", "report", "reporting", "indicated",
            "indicates", "indicate", "claimed", "claims", "claim", "claiming", "confirmed", "confirms", "confirm",
            "revealed", "reveals", "announced", "announces", "noted", "notes", "warned", "added", "put", "puts",
            "believe", "believes", "suggested", "suggest", "suggests", "documented", "asserted", "asserts", "accused",
            "accuse", "argued", "insisted", "wrote", "writes", "counted", "found", "showed", "shows", "show",
            "recorded", "tallied", "calculated", "projected", "forecast", "acknowledged", "admitted", "explained",
            "emphasized", "emphasised", "concluded", "disclosed", "verified", "cited", "mentioned", "according", "disputed",
            "rejected", "denied", "dismissed", "defended", "responded");
    /** Words before a reporting verb that show it is a noun: "an estimated", "the report", "its own estimate". */
    private static final Set<String> NOUN_MARKERS = Set.of("a", "an", "the", "its", "their", "his", "her", "our", "own",
            "first", "initial", "earlier", "previous", "original", "latest", "new", "this", "that", "these", "those",
            "whose");
    private static final Set<String> PERSONAL_PRONOUNS = Set.of("he", "she");
    private static final Set<String> OTHER_PRONOUNS = Set.of("it", "they", "we", "i");
    private static final Pattern ACCORDING_TO = Pattern.compile("(?i)\\baccording to\\s+([^,;:\"“”()]+?)(?=\\s*[,;:.\"“”()]|\\s+(?:that|who|which)\\b|$)");
    private static final Pattern PASSIVE_BY = Pattern.compile(
            "(?i)\\b(?:claimed|reported|estimated|confirmed|given|provided|cited|released|published|compiled|issued|counted)\\s+by\\s+"
                    + "([^,;:\"“”()]+?)(?=\\s*[,;:.\"“”()]|\\s+(?:that|who|which|on|in|last)\\b|$)");
    private static final Pattern FIGURE_OF = Pattern.compile(
            "(?i)\\b((?:[\\p{L}'’]+\\s+){1,2})(?:figure|estimate|count|tally)\\s+of\\s+$");

    /** A stated source, at the offset of the words that state it. */
    record Source(String text, int position, boolean pronoun) {
    }

    private AttributionFinder() {
    }

    /** All sources a sentence states, in order of position. */
    static List<Source> inSentence(String text, List<Token> tokens) {
        List<Source> sources = new ArrayList<>();
        if (tokens.isEmpty()) {
            return sources;
        }
        int from = tokens.get(0).start();
        int to = tokens.get(tokens.size() - 1).end();
        Matcher according = ACCORDING_TO.matcher(text).region(from, to);
        while (according.find()) {
            sources.add(new Source(clean(according.group(1)), according.start(), false));
        }
        Matcher passive = PASSIVE_BY.matcher(text).region(from, to);
        while (passive.find()) {
            sources.add(new Source(clean(passive.group(1)), passive.start(), false));
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (!REPORTING_VERBS.contains(token.lower()) || token.lower().equals("according") || token.isCapitalized() && i > 0
                    || isNounUse(tokens, i)) {
                continue;
            }
            Source source = subjectBefore(text, tokens, i);
            if (source == null) {
                source = nameAfter(tokens, i);
            }
            if (source != null) {
                sources.add(source);
            }
        }
        sources.sort((a, b) -> Integer.compare(a.position(), b.position()));
        return sources;
    }

    private static boolean isNounUse(List<Token> tokens, int i) {
        boolean determined = i > 0 && NOUN_MARKERS.contains(tokens.get(i - 1).lower());
        boolean followedByOf = i + 1 < tokens.size() && tokens.get(i + 1).is("of");
        return determined || followedByOf;
    }

    /** "the police figure of 18,000": the owner of the figure named right before it. */
    static String ownerBefore(String text, int sentenceStart, int figureStart) {
        Matcher owner = FIGURE_OF.matcher(text.substring(sentenceStart, figureStart));
        if (owner.find()) {
            String name = owner.group(1).trim().replaceFirst("(?i)^(?:the|a|an|its|their)\\s+", "");
            if (NOUN_MARKERS.contains(name.toLowerCase(Locale.ROOT).split("\\s+")[0])) {
                return null;
            }
            String first = name.split("\\s+")[0].toLowerCase(Locale.ROOT);
            return Words.isFunctionWord(first) ? null : name;
        }
        return null;
    }

    /**
     * The source that governs a figure: the nearest one stated before it, else the first after it ("..., police
     * said"); "according to" governs its whole sentence.
     */
    static Source forFigure(List<Source> sources, int figureStart, int figureEnd) {
        Source before = null;
        Source after = null;
        for (Source source : sources) {
            if (source.position() <= figureStart && source.position() + source.text().length() >= figureEnd) {
                // the "source" read is the figure's own phrase ("three deaths counted by ...")
                continue;
            }
            if (source.position() <= figureStart) {
                before = source;
            } else if (after == null) {
                after = source;
            }
        }
        return before != null ? before : after;
    }

    private static Source subjectBefore(String text, List<Token> tokens, int verb) {
        int i = verb - 1;
        while (i >= 0 && (tokens.get(i).lower().endsWith("ly") && tokens.get(i).lower().length() > 4
                || Words.AUXILIARIES.contains(tokens.get(i).lower()) && !tokens.get(i).is("said"))) {
            i--;
        }
        if (i >= 0 && tokens.get(i).is("which", "who", "that") && i > 0) {
            // "..., including the New York Times and CNN, which reported ...": the antecedent reports
            i--;
            if (i >= 0 && tokens.get(i).is(",")) {
                i--;
            }
        }
        int end = i;
        boolean skippedApposition = false;
        int start = i + 1;
        while (i >= 0) {
            Token token = tokens.get(i);
            if (token.is(",")) {
                if (start > end) {
                    if (skippedApposition) {
                        break;
                    }
                    int previousComma = previousComma(tokens, i - 1);
                    if (previousComma < 0 || i - previousComma > 14) {
                        break;
                    }
                    skippedApposition = true;
                    i = previousComma - 1;
                    end = i;
                    start = i + 1;
                    continue;
                }
                boolean list = (tokens.get(start).isCapitalized() || tokens.get(start).is("and", "or")) && joinsNames(tokens, start, end);
                if (list && i > 0 && tokens.get(i - 1).isCapitalized() && !introduces(text, tokens, i)) {
                    i--;
                    start = i + 1;
                    continue;
                }
                break;
            }
            if (!token.isWord() && !token.is("’", "'", "-", ".", "&") || token.text().equals("“") || token.text().equals("\"")) {
                break;
            }
            boolean namesJoined = token.is("and") && i > 0 && tokens.get(i - 1).isCapitalized() && start <= end
                    && tokens.get(start).isCapitalized();
            // "Kyiv, Washington, and Seoul": a serial comma before the last of a list of names
            boolean serialList = token.is("and", "or") && i > 1 && tokens.get(i - 1).is(",") && tokens.get(i - 2).isCapitalized()
                    && start <= end;
            if (Words.CLAUSE_WORDS.contains(token.lower()) && !namesJoined && !serialList) {
                break;
            }
            if (end - i >= 9) {
                break;
            }
            start = i;
            i--;
        }
        if (start > end) {
            return null;
        }
        // only listed adverbs here: with no comma after it, an -ly word may be a name ("Connolly and Walsh said")
        while (start <= end && ((Words.DETERMINERS.contains(tokens.get(start).lower()) || Words.SENTENCE_ADVERBS.contains(tokens.get(start).lower()))
                && start < end || tokens.get(start).is("including", "and"))) {
            start++;
        }
        while (end >= start && Words.PREPOSITIONS.contains(tokens.get(end).lower())) {
            end--;
        }
        if (start > end) {
            return null;
        }
        String subject = text.substring(tokens.get(start).start(), tokens.get(end).end());
        String lower = subject.toLowerCase(Locale.ROOT);
        if (PERSONAL_PRONOUNS.contains(lower) || OTHER_PRONOUNS.contains(lower)) {
            return new Source(lower, tokens.get(verb).start(), true);
        }
        if (start == end && (Words.isFunctionWord(lower) || !tokens.get(start).isWord())) {
            return null;
        }
        Token head = tokens.get(start);
        if (!head.isCapitalized() && (Words.AUXILIARIES.contains(head.lower()) || Words.COMMON_VERBS.contains(head.lower())
                || Words.PREPOSITIONS.contains(head.lower()))) {
            return null;
        }
        for (int k = start; k <= end; k++) {
            if (tokens.get(k).isNumber()) {
                return null;
            }
        }
        if (!tokens.get(start).isCapitalized() && end - start >= 6) {
            return null;
        }
        return new Source(clean(subject), tokens.get(start).start(), false);
    }

    /** "said Marta Ilves, a spokeswoman": the speaker named after the verb. */
    private static Source nameAfter(List<Token> tokens, int verb) {
        int i = verb + 1;
        int start = i;
        if (start >= tokens.size() || !tokens.get(start).isCapitalized() || !tokens.get(start).isWord()) {
            return null;
        }
        int lastCapitalized = start;
        while (i < tokens.size() && i - start < 6 && tokens.get(i).isWord() && !Words.isFunctionWord(tokens.get(i).lower())) {
            if (tokens.get(i).isCapitalized()) {
                lastCapitalized = i;
            }
            i++;
        }
        i = lastCapitalized + 1;
        StringBuilder name = new StringBuilder();
        for (int k = start; k < i; k++) {
            name.append(k > start ? " " : "").append(tokens.get(k).text());
        }
        return new Source(name.toString(), tokens.get(verb).start(), false);
    }

    /**
     * A list of names ends with "and" or "or" before its last name ("Kyiv, Washington, and Seoul"); names joined by
     * a comma alone are a name after an opening phrase ("On Monday, Ruiz") or an apposition.
     */
    private static boolean joinsNames(List<Token> tokens, int start, int end) {
        for (int k = start; k <= end; k++) {
            if (tokens.get(k).is("and", "or")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the phrase before a comma opens the sentence instead of naming a source: it starts with a preposition
     * ("On Monday", "In a statement") or a sentence adverb ("However", "Separately"), or says only when ("Last week").
     */
    private static boolean introduces(String text, List<Token> tokens, int comma) {
        int first = comma - 1;
        while (first > 0 && (tokens.get(first - 1).isWord() || tokens.get(first - 1).is("’", "'", "-", "&"))
                && !opensClause(tokens.get(first - 1))) {
            first--;
        }
        Token opening = tokens.get(first);
        return Words.PREPOSITIONS.contains(opening.lower()) || Words.isSentenceAdverb(opening.lower())
                || TimeReferences.saysOnlyWhen(text.substring(opening.start(), tokens.get(comma - 1).end()));
    }

    /**
     * "that", "and", "when": a word after which a new phrase starts ("He said that on Monday, ..."). Words that are
     * prepositions as well ("after", "with") are left in the phrase, whose first word then decides.
     */
    private static boolean opensClause(Token token) {
        return Words.CLAUSE_WORDS.contains(token.lower()) && !Words.PREPOSITIONS.contains(token.lower());
    }

    private static int previousComma(List<Token> tokens, int from) {
        for (int i = from; i >= 0; i--) {
            if (tokens.get(i).is(",")) {
                return i;
            }
            if (tokens.get(i).is(";", ":", "“", "”", "\"")) {
                return -1;
            }
        }
        return -1;
    }

    private static String clean(String source) {
        String trimmed = source.strip().replaceAll("\\s+", " ");
        return trimmed.replaceFirst("^[Tt]he\\s+(?=\\p{Lu})", "");
    }

    /**
     * A short reference ("Colonel Kindratenko", "Chun") widened to the fullest earlier mention of the same name
     * ("Colonel Oleksandr Kindratenko").
     */
    static String fullName(String text, String name, int before) {
        String[] parts = name.split("\\s+");
        String last = parts[parts.length - 1];
        if (parts.length > 3 || !Character.isUpperCase(last.charAt(0)) || last.length() < 3) {
            return name;
        }
        // words of one name are separated by spaces on one line, never by a line break, and the name's last word
        // comes once: "Orrin Analytics.\n\nOrrin" is two mentions, not a longer name
        Matcher mention = Pattern.compile("(?:\\p{Lu}[\\p{L}.'’-]*\\h+){1,3}" + Pattern.quote(last) + "\\b")
                .matcher(text.substring(0, Math.max(0, before)));
        String best = name;
        while (mention.find()) {
            String candidate = mention.group();
            if (Pattern.compile("\\b" + Pattern.quote(last) + "\\b").matcher(candidate).results().count() > 1) {
                continue;
            }
            if (candidate.split("\\s+").length > best.split("\\s+").length && candidate.contains(parts[0].replace(".", ""))
                    || candidate.split("\\s+").length > best.split("\\s+").length && parts.length == 1) {
                best = candidate.trim();
            }
        }
        return best;
    }
}
