package io.crosscheck.figures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.crosscheck.figures.AttributionFinder.Source;
import io.crosscheck.figures.Quantity.Kind;
import io.crosscheck.figures.Words.Token;
import io.crosscheck.text.SentenceSplitter;
import io.crosscheck.text.SentenceSplitter.Span;

/**
 * Extracts the figures of one cleaned article: every quantity the number grammar finds, with what it counts, the
 * event it quantifies, who gave it and the time it refers to. Pure rules over sentence structure; no model.
 */
public final class FigureExtractor {

    private static final int NOUN_PHRASE_MAX = 5;
    private static final int BASE_PHRASE_MAX = 7;
    private static final int FORWARD_WINDOW = 8;
    private static final int BACKWARD_WINDOW = 16;
    private static final int CLAUSE_WINDOW = 12;
    /** Words after the preposition of a predicate ("are among those killed") searched for the event it names. */
    private static final int PREDICATE_PHRASE_MAX = 3;
    /** Finite forms of be and have: after them comes the figure's own predicate ("are in serious condition"). */
    private static final Set<String> FINITE_BE_HAVE = Set.of("is", "are", "was", "were", "has", "have", "had");

    private static final java.util.regex.Pattern FROM_BEFORE = java.util.regex.Pattern.compile("(?i)\\bfrom\\s+$");
    private static final java.util.regex.Pattern TO_BETWEEN = java.util.regex.Pattern.compile("(?i)\\s+to\\s+");

    private static final java.util.regex.Pattern PERSON_NAME = java.util.regex.Pattern.compile(
            "(?<=\\s)\\p{Lu}[\\p{Ll}'’-]+(?:\\s+\\p{Lu}\\.)?\\s+\\p{Lu}[\\p{Ll}'’-]+\\b");

    private FigureExtractor() {
    }

    public static List<ExtractedFigure> extract(String cleanedText, LocalDate articleDate) {
        List<ExtractedFigure> figures = new ArrayList<>();
        List<Span> sentences = SentenceSplitter.split(cleanedText);
        List<Source> previousSources = List.of();
        boolean previousHadFigures = false;
        List<String> paragraphPeople = new ArrayList<>();
        Source lastNamed = null;
        int previousEnd = -1;
        for (Span sentence : sentences) {
            boolean newParagraph = previousEnd < 0 || cleanedText.substring(previousEnd, sentence.start()).contains("\n");
            if (newParagraph) {
                previousSources = List.of();
                paragraphPeople.clear();
                lastNamed = null;
                previousHadFigures = false;
            }
            List<Token> tokens = Words.tokenize(cleanedText, sentence.start(), sentence.end());
            List<Quantity> quantities = NumberGrammar.find(cleanedText, sentence.start(), sentence.end());
            List<Source> sources = AttributionFinder.inSentence(cleanedText, tokens);
            List<TimeReferences.Expression> times = TimeReferences.find(cleanedText, sentence.start(), sentence.end(), articleDate);
            String[] changes = changeEvents(cleanedText, sentence, quantities);
            for (int q = 0; q < quantities.size(); q++) {
                Quantity quantity = quantities.get(q);
                Reading reading = read(tokens, quantity);
                if (changes[q] != null) {
                    reading = new Reading(reading.counted(), reading.base(), changes[q]);
                }
                if (quantity.kind() == Kind.TIME_REFERENCE && !EventLexicon.ABSENT.equals(reading.event())) {
                    continue;
                }
                String attribution = attribution(cleanedText, sentence, quantity, sources, previousSources,
                        previousHadFigures, paragraphPeople, lastNamed);
                TimeReferences.Expression time = timeOf(cleanedText, times, quantities, q);
                if (time != null && time.date() != null && articleDate != null && time.date().isAfter(articleDate)) {
                    // a date after publication is when something is planned, not when the figure was true
                    time = null;
                }
                String earlier = TimeReferences.earlierMarker(cleanedText.substring(sentence.start(), quantity.start()));
                String asOfText = earlier != null ? earlier : time == null ? null : time.text();
                LocalDate asOf = earlier != null || time == null ? null : time.date();
                String unit = unit(quantity, reading);
                figures.add(new ExtractedFigure(cleanedText.substring(quantity.start(), quantity.end()), quantity.start(),
                        quantity.end(), quantity.low(), quantity.high(), quantity.approximate(), quantity.qualifier(), unit,
                        quantity.kind() == Kind.PERCENT ? reading.base() : null, reading.counted(), reading.event(),
                        attribution, asOfText, asOf, sentence.start(), sentence.end(), sentence.of(cleanedText),
                        ExtractedFigure.classify(unit, reading.counted())));
            }
            paragraphPeople.addAll(namesIn(cleanedText, sentence));
            for (Source source : sources) {
                if (!source.pronoun()) {
                    lastNamed = source;
                    if (looksLikePerson(source.text())) {
                        paragraphPeople.add(source.text());
                    }
                }
            }
            previousSources = sources;
            previousHadFigures = !quantities.isEmpty();
            previousEnd = sentence.end();
        }
        return figures;
    }

    /**
     * "from 2.50 to 3.50 crowns", "from 14 to 17": two figures of one kind joined as "from A to B" are the levels
     * before and after a change, whatever other event word the sentence has, unless the words right before name what
     * changed ("raise its emergency aid from 50 million to 200 million euros" are two levels of aid).
     */
    private static String[] changeEvents(String text, Span sentence, List<Quantity> quantities) {
        String[] events = new String[quantities.size()];
        for (int q = 0; q + 1 < quantities.size(); q++) {
            Quantity from = quantities.get(q);
            Quantity to = quantities.get(q + 1);
            boolean fromBefore = FROM_BEFORE.matcher(text.substring(sentence.start(), from.start())).find();
            boolean toBetween = TO_BETWEEN.matcher(text.substring(from.end(), to.start())).matches();
            String lead = text.substring(sentence.start(), from.start()).replaceFirst("(?i)\\s*from\\s+$", "");
            String[] words = lead.split("\\s+");
            String named = String.join(" ", java.util.Arrays.copyOfRange(words, Math.max(0, words.length - 3), words.length));
            boolean levelsOfNamedEvent = EventLexicon.classesIn(named).stream().anyMatch(e -> !EventLexicon.isChange(e));
            if (fromBefore && toBetween && !levelsOfNamedEvent && from.low() != null && to.low() != null
                    && (from.kind() == to.kind() || from.kind() == Kind.COUNT) && !from.low().equals(to.low())) {
                String event = to.low() > from.low() ? "increase" : "decrease";
                events[q] = event;
                events[q + 1] = event;
            }
        }
        return events;
    }

    /** What the words around a quantity say about it. */
    private record Reading(String counted, String base, String event) {
    }

    private static Reading read(List<Token> tokens, Quantity quantity) {
        Kind kind = quantity.kind();
        int first = Words.indexAtOrAfter(tokens, quantity.end());
        int before = Words.indexBefore(tokens, quantity.start());
        Set<String> events = new LinkedHashSet<>();
        Set<String> phraseEvents = new LinkedHashSet<>();
        String counted = null;
        String base = null;
        int next = first;
        if (next < tokens.size() && tokens.get(next).is("of") && (kind == Kind.PERCENT || kind == Kind.COUNT)) {
            int baseStart = next + 1;
            int baseEnd = basePhraseEnd(tokens, baseStart, phraseEvents);
            if (baseEnd >= baseStart) {
                base = join(tokens, baseStart, baseEnd);
                counted = kind == Kind.COUNT ? base : null;
                next = baseEnd + 1;
            }
        } else if (kind == Kind.COUNT) {
            int end = nounPhraseEnd(tokens, first, events, phraseEvents);
            if (end >= first) {
                counted = join(tokens, first, end);
                next = end + 1;
                if (next < tokens.size() && tokens.get(next).is("of")) {
                    // "12 members of the Red Cross were killed": the verb comes after the complement
                    int complementEnd = basePhraseEnd(tokens, next + 1, phraseEvents);
                    next = complementEnd >= next + 1 ? complementEnd + 1 : next;
                }
            }
        }
        boolean blocked = false;
        if (events.isEmpty()) {
            blocked = forwardEvents(tokens, next, events, kind);
        }
        boolean partOfCount = base != null && kind == Kind.COUNT;
        if (events.isEmpty() && !partOfCount) {
            // "two of the injured" is a part of the injured, not a count of injuries
            events.addAll(phraseEvents.stream().filter(e -> EventLexicon.fits(e, kind)).toList());
        }
        if (events.isEmpty() && !partOfCount) {
            backwardEvents(tokens, before, events, kind);
        }
        if (events.isEmpty() && !blocked && !partOfCount) {
            clauseEvents(tokens, next, events, kind);
        }
        return new Reading(counted, base, EventLexicon.combine(events));
    }

    /**
     * The counted noun phrase right after a number: modifiers and head, up to the verb or preposition. An event
     * participle in first place modifies the noun ("two captured soldiers"); an event noun is the head and names the
     * event too ("23 bodies", "two protesters").
     */
    private static int nounPhraseEnd(List<Token> tokens, int first, Set<String> events, Set<String> phraseEvents) {
        int i = first;
        while (i < tokens.size() && i - first < NOUN_PHRASE_MAX) {
            Token token = tokens.get(i);
            if (token.is("more", "additional", "other") && i == first) {
                first++;
                i++;
                continue;
            }
            if (!token.isWord() || Words.isFunctionWord(token.lower()) || Words.COMMON_VERBS.contains(token.lower())
                    || token.lower().endsWith("ly") && token.lower().length() > 4) {
                break;
            }
            EventLexicon.Hit hit = EventLexicon.at(tokens, i);
            if (hit != null) {
                boolean participle = token.lower().endsWith("ed") || token.lower().endsWith("en") || token.is("dead", "hurt", "missing");
                boolean modifier = i == first && hit.lastToken() + 1 < tokens.size()
                        && isNounLike(tokens.get(hit.lastToken() + 1)) && EventLexicon.at(tokens, hit.lastToken() + 1) == null;
                if (modifier) {
                    events.add(hit.eventClass());
                    i = hit.lastToken() + 1;
                    continue;
                }
                if (participle) {
                    break;
                }
                phraseEvents.add(hit.eventClass());
                return hit.lastToken();
            }
            if (i > first && token.lower().endsWith("ed") && !token.isCapitalized()) {
                break;
            }
            i++;
        }
        return i - 1;
    }

    private static boolean isNounLike(Token token) {
        return token.isWord() && !Words.isFunctionWord(token.lower()) && !Words.COMMON_VERBS.contains(token.lower());
    }

    /**
     * The phrase a share or part is taken of: "personnel", "the North Korean troops deployed", "those arrested", up to
     * a verb or punctuation. Event participles inside it describe the base, and are only a fallback event.
     */
    private static int basePhraseEnd(List<Token> tokens, int first, Set<String> phraseEvents) {
        int i = first;
        while (i < tokens.size() && i - first < BASE_PHRASE_MAX) {
            Token token = tokens.get(i);
            boolean allowed = token.isWord() && (Words.DETERMINERS.contains(token.lower()) || token.is("of")
                    || !Words.isFunctionWord(token.lower()) && !Words.COMMON_VERBS.contains(token.lower()));
            if (!allowed) {
                break;
            }
            EventLexicon.Hit hit = EventLexicon.at(tokens, i);
            if (hit != null && i > first && token.lower().endsWith("ed")) {
                phraseEvents.add(hit.eventClass());
                return hit.lastToken();
            }
            i++;
        }
        return i - 1;
    }

    /**
     * Event words right after the phrase: "were killed", "injured", "are believed to have been killed or injured",
     * "either killed, injured, or captured". Returns true when another verb takes the figure as its subject
     * ("troops retreated"), which rules out reading events further along the clause.
     */
    private static boolean forwardEvents(List<Token> tokens, int from, Set<String> events, Kind kind) {
        int i = from;
        int limit = Math.min(tokens.size(), from + FORWARD_WINDOW);
        boolean finiteVerb = false;
        while (i < tokens.size() && i < limit) {
            Token token = tokens.get(i);
            if (token.is("—", "–") && events.isEmpty()) {
                int closing = closingDash(tokens, i + 1);
                int skipped = closing < 0 ? 1 : closing - i + 1;
                i += skipped;
                limit = Math.min(tokens.size(), limit + skipped);
                continue;
            }
            EventLexicon.Hit hit = EventLexicon.at(tokens, i);
            if (hit != null && !EventLexicon.fits(hit.eventClass(), kind)) {
                hit = null;
            }
            if (hit != null) {
                events.add(hit.eventClass());
                i = hit.lastToken() + 1;
                continue;
            }
            if (token.is(",", "and", "or", "either", "nor") && (!events.isEmpty() || token.is("either"))) {
                i++;
                continue;
            }
            if (!events.isEmpty()) {
                break;
            }
            if (Words.AUXILIARIES.contains(token.lower()) || token.lower().endsWith("ly") && token.lower().length() > 4) {
                finiteVerb |= FINITE_BE_HAVE.contains(token.lower());
                i++;
                continue;
            }
            if (token.isWord() && !token.isCapitalized() && !Words.isFunctionWord(token.lower())
                    && (token.lower().endsWith("ed") || Words.COMMON_VERBS.contains(token.lower()))) {
                return true;
            }
            if (finiteVerb) {
                // "two people are in serious condition after the march": the figure has its own predicate, so an
                // event word later in the clause is about something else, unless the predicate is a phrase naming
                // the event itself ("were among those killed", "were at the march")
                return !predicatePhraseNamesEvent(tokens, i, events, kind);
            }
            break;
        }
        return false;
    }

    /** A prepositional predicate of a few words that names an event: "among those killed", "at the march". */
    private static boolean predicatePhraseNamesEvent(List<Token> tokens, int from, Set<String> events, Kind kind) {
        if (!Words.PREPOSITIONS.contains(tokens.get(from).lower())) {
            return false;
        }
        for (int i = from + 1; i < tokens.size() && i - from <= PREDICATE_PHRASE_MAX; i++) {
            if (!tokens.get(i).isWord()) {
                return false;
            }
            EventLexicon.Hit hit = EventLexicon.at(tokens, i);
            if (hit != null && EventLexicon.fits(hit.eventClass(), kind)) {
                events.add(hit.eventClass());
                return true;
            }
        }
        return false;
    }

    /** "—around 300 soldiers—": an apposition between dashes, closed within a few words. */
    private static int closingDash(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size() && i - from < FORWARD_WINDOW; i++) {
            if (tokens.get(i).is("—", "–")) {
                return i;
            }
        }
        return -1;
    }

    /** The nearest event word before the number in its clause: "deployed an estimated ...", "the death toll ... to 41". */
    private static void backwardEvents(List<Token> tokens, int from, Set<String> events, Kind kind) {
        for (int i = from; i >= 0 && from - i < BACKWARD_WINDOW; i--) {
            Token token = tokens.get(i);
            if (token.is(";", ":")) {
                return;
            }
            EventLexicon.Hit hit = EventLexicon.at(tokens, i);
            if (hit != null && hit.lastToken() <= from && EventLexicon.fits(hit.eventClass(), kind)) {
                events.add(hit.eventClass());
                return;
            }
        }
    }

    /** Failing both, the first event word later in the same clause ("the police figure of 18,000 ... the turnout"). */
    private static void clauseEvents(List<Token> tokens, int from, Set<String> events, Kind kind) {
        for (int i = from; i < tokens.size() && i - from < CLAUSE_WINDOW; i++) {
            if (tokens.get(i).is(";", ":", ".") || tokens.get(i).isNumber()) {
                return;
            }
            EventLexicon.Hit hit = EventLexicon.at(tokens, i);
            if (hit != null && EventLexicon.fits(hit.eventClass(), kind)) {
                events.add(hit.eventClass());
                return;
            }
        }
    }

    private static String attribution(String text, Span sentence, Quantity quantity, List<Source> sources,
            List<Source> previousSources, boolean previousHadFigures, List<String> people, Source lastNamed) {
        String owner = AttributionFinder.ownerBefore(text, sentence.start(), quantity.start());
        if (owner != null) {
            return owner;
        }
        Source source = AttributionFinder.forFigure(sources, quantity.start(), quantity.end());
        if (source == null && !previousSources.isEmpty() && (!previousHadFigures || insideQuote(text, sentence, quantity))) {
            // a source introduced in the previous sentence often governs the facts or quote that follow
            source = previousSources.get(previousSources.size() - 1);
        }
        if (source == null && insideQuote(text, sentence, quantity) && !people.isEmpty()) {
            return AttributionFinder.fullName(text, people.get(people.size() - 1), sentence.start());
        }
        if (source == null) {
            return null;
        }
        if (source.pronoun()) {
            boolean person = source.text().equals("he") || source.text().equals("she");
            if (person && !people.isEmpty()) {
                return AttributionFinder.fullName(text, people.get(people.size() - 1), sentence.start());
            }
            boolean speaker = source.text().equals("we") || source.text().equals("i");
            if (!person && !speaker && lastNamed != null) {
                return lastNamed.text();
            }
            // "“We have counted 300,” said the mayor": the named speaker outranks an unresolved pronoun
            Source named = AttributionFinder.forFigure(sources.stream().filter(s -> !s.pronoun()).toList(),
                    quantity.start(), quantity.end());
            return named == null ? null : named.text();
        }
        return looksLikePerson(source.text()) ? AttributionFinder.fullName(text, source.text(), source.position())
                : source.text();
    }

    /** Capitalised multi-word names inside a sentence (not at its start), the candidates for a later "she said". */
    private static List<String> namesIn(String text, Span sentence) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher name = PERSON_NAME.matcher(text).region(sentence.start(), sentence.end());
        while (name.find()) {
            names.add(name.group());
        }
        return names;
    }

    private static boolean insideQuote(String text, Span sentence, Quantity quantity) {
        String before = text.substring(sentence.start(), quantity.start());
        long opening = before.chars().filter(c -> c == '“').count();
        long closing = before.chars().filter(c -> c == '”').count();
        long straight = before.chars().filter(c -> c == '"').count();
        return opening > closing || straight % 2 == 1 || sentence.start() > 0 && text.charAt(sentence.start()) == '“';
    }

    private static boolean looksLikePerson(String source) {
        String[] words = source.split("\\s+");
        int capitalized = 0;
        for (String word : words) {
            if (!word.isEmpty() && Character.isUpperCase(word.charAt(0))) {
                capitalized++;
            }
        }
        return capitalized == words.length && words.length <= 4 && !source.contains("'") && !source.contains("’");
    }

    /**
     * The time a figure refers to. A time right after a reporting verb ("said on Wednesday") dates every figure of
     * the sentence; any other time expression belongs to the figure nearest to it ("down from 38 on Monday").
     */
    private static TimeReferences.Expression timeOf(String text, List<TimeReferences.Expression> times,
            List<Quantity> quantities, int index) {
        TimeReferences.Expression reportTime = null;
        Quantity quantity = quantities.get(index);
        for (TimeReferences.Expression time : times) {
            if (time.start() < quantity.end() && quantity.start() < time.end()) {
                continue;
            }
            if (TimeReferences.datesTheReport(text, time)) {
                reportTime = time;
                continue;
            }
            int nearest = -1;
            int nearestDistance = Integer.MAX_VALUE;
            for (int q = 0; q < quantities.size(); q++) {
                Quantity other = quantities.get(q);
                int distance = Math.min(Math.abs(time.start() - other.end()), Math.abs(other.start() - time.end()));
                if (distance < nearestDistance) {
                    nearestDistance = distance;
                    nearest = q;
                }
            }
            if (nearest == index) {
                return time;
            }
        }
        return reportTime;
    }

    private static String unit(Quantity quantity, Reading reading) {
        if (quantity.unit() != null) {
            return quantity.unit();
        }
        if (reading.counted() != null) {
            String[] words = reading.counted().split("\\s+");
            return words[words.length - 1].toLowerCase(java.util.Locale.ROOT);
        }
        return "count";
    }

    private static String join(List<Token> tokens, int from, int to) {
        StringBuilder phrase = new StringBuilder();
        for (int i = from; i <= to; i++) {
            Token token = tokens.get(i);
            if (i > from && tokens.get(i - 1).end() < token.start()) {
                phrase.append(' ');
            }
            phrase.append(token.text());
        }
        return phrase.toString();
    }
}
