package io.crosscheck.figures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crosscheck.figures.Words.Token;

/**
 * General-purpose English event classes that news figures quantify: what happened to the counted things. Each class
 * lists the inflected verbs, participles and nouns that signal it; several classes joined by "and"/"or" ("killed and
 * wounded", "killed, injured, or captured") make a combined class.
 */
final class EventLexicon {

    static final String KILLED = "killed";
    static final String WOUNDED = "wounded";
    static final String CASUALTIES = "casualties";
    static final String CAPTURED = "captured";
    static final String DEPLOYED = "deployed";
    static final String ATTENDED = "attended";
    static final String ABSENT = "absent";
    static final String DELAYED = "delayed";

    private static final Map<String, List<String>> CLASSES = Map.ofEntries(
            Map.entry(KILLED, List.of("killed", "kill", "kills", "killing", "died", "die", "dies", "dead", "deaths",
                    "death", "death toll", "toll", "fatalities", "fatality", "perished", "bodies", "slain", "drowned",
                    "lost their lives", "lives lost", "lost his life", "lost her life")),
            Map.entry(WOUNDED, List.of("wounded", "injured", "injuries", "injury", "hurt", "injuring", "wounding")),
            Map.entry(CASUALTIES, List.of("casualties", "casualty", "losses")),
            Map.entry(CAPTURED, List.of("captured", "capture", "captive", "captives", "prisoners of war", "taken prisoner",
                    "pows", "surrendered")),
            Map.entry(DEPLOYED, List.of("deployed", "deploy", "deploying", "deployment", "deployments", "sent", "send",
                    "sending", "sends", "dispatched", "dispatch", "dispatching", "stationed", "mobilised", "mobilized")),
            Map.entry("arrested", List.of("arrested", "arrest", "arrests", "detained", "detention", "detentions",
                    "apprehended", "taken into custody")),
            Map.entry("released", List.of("released", "freed", "released without charge")),
            Map.entry("evacuated", List.of("evacuated", "evacuation", "evacuations", "evacuees", "displaced", "fled",
                    "homeless", "relocated")),
            Map.entry("missing", List.of("missing", "unaccounted for", "unaccounted")),
            Map.entry("hospitalised", List.of("hospitalised", "hospitalized", "treated in hospital", "taken to hospital",
                    "in hospital")),
            Map.entry(ATTENDED, List.of("attended", "attendance", "turnout", "crowd", "crowds", "protesters",
                    "protestors", "demonstrators", "marchers", "participants", "joined", "marched", "march", "rallied",
                    "gathered", "took part", "turned out")),
            Map.entry("cost", List.of("cost", "costs", "costing", "spent", "spending", "price tag", "bill", "expense",
                    "expenses", "paid")),
            Map.entry("budget", List.of("budget", "budgeted", "approved", "allocated", "earmarked")),
            Map.entry("overrun", List.of("overrun", "overruns", "over budget", "above the original budget",
                    "above budget", "more than planned")),
            Map.entry(DELAYED, List.of("delay", "delayed", "delays", "behind schedule", "later than planned", "late")),
            // words that themselves say something is gone or paused; a negated verb or noun ("have not been seen",
            // "has not played", "no flights") is recognised by negatedAt instead of being listed phrase by phrase
            Map.entry(ABSENT, List.of("absent", "absence", "absences", "vanished", "disappeared", "disappearance",
                    "halted", "paused", "pause", "suspended", "suspension", "hiatus", "lull", "dwindling", "dwindled",
                    "stalled", "idle", "out of action", "out of sight", "gone")),
            Map.entry("damaged", List.of("damaged", "destroyed", "damage", "uninhabitable")),
            Map.entry("employed", List.of("employed", "employs", "employ", "hired", "jobs")),
            Map.entry("aid", List.of("aid", "grant", "grants", "pledged", "donated", "relief")),
            Map.entry("revenue", List.of("revenue", "revenues", "bring in", "brings in", "income")),
            Map.entry("increase", List.of("increase", "increases", "hike", "hikes", "surge")),
            Map.entry("decrease", List.of("fell", "fall", "drop", "dropped", "decline", "declined", "cut")));

    /** Classes that describe a standing group (a force, a crowd, a workforce) rather than a flow of incidents. */
    private static final Set<String> STOCK = Set.of(DEPLOYED, ATTENDED, "employed");

    private static final List<String[]> PHRASES = new ArrayList<>();
    private static final List<String> PHRASE_CLASS = new ArrayList<>();

    static {
        CLASSES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            for (String phrase : entry.getValue()) {
                PHRASES.add(phrase.split(" "));
                PHRASE_CLASS.add(entry.getKey());
            }
        });
    }

    /** An event phrase found in text: its class and the token range it covers. */
    record Hit(String eventClass, int firstToken, int lastToken) {
    }

    private EventLexicon() {
    }

    private static final Set<String> MONEY_EVENTS = Set.of("cost", "budget", "overrun", "aid", "revenue", "damaged");
    private static final Set<String> DURATION_EVENTS = Set.of(ABSENT, DELAYED);

    /** Whether an event class can be what a quantity of this kind measures: money is spent, not killed. */
    static boolean fits(String eventClass, Quantity.Kind kind) {
        return switch (kind) {
            case MONEY -> MONEY_EVENTS.contains(eventClass);
            case DURATION, TIME_REFERENCE -> DURATION_EVENTS.contains(eventClass);
            case MEASUREMENT -> false;
            case COUNT, PERCENT -> !DURATION_EVENTS.contains(eventClass);
        };
    }

    /** Classes that name a change of a level ("an increase", "fell"), whose "from" and "to" figures are levels. */
    static boolean isChange(String eventClass) {
        return "increase".equals(eventClass) || "decrease".equals(eventClass);
    }

    /**
     * Classes of events that happen on a day, so that the same class on two different days is two occurrences (two
     * attacks, two marches), not two estimates of one: states that are counted on a day (missing, deployed, employed,
     * in hospital) are left out, because a later count of them is a change over time.
     */
    private static final Set<String> OCCURRENCES = Set.of(KILLED, WOUNDED, CASUALTIES, CAPTURED, ATTENDED, "arrested",
            "released", "evacuated", "damaged");

    static boolean isOccurrence(String eventClass) {
        return eventClass != null && OCCURRENCES.contains(eventClass);
    }

    /** Whether a word is itself one of a class's event words: "deaths" and "fatalities" name killing. */
    static boolean names(String word, String eventClass) {
        return eventClass != null && CLASSES.getOrDefault(eventClass, List.of()).contains(word);
    }

    static boolean isStock(String eventClass) {
        return eventClass != null && STOCK.contains(eventClass);
    }

    /** The longest event phrase starting at token {@code i}, or null. */
    static Hit at(List<Token> tokens, int i) {
        if (i > 0 && tokens.get(i).isCapitalized()) {
            // "March 8", "Bill Smith": a capitalised word inside a sentence is a name, not an event word
            return null;
        }
        Hit negated = negatedAt(tokens, i);
        if (negated != null) {
            return negated;
        }
        Hit best = null;
        for (int p = 0; p < PHRASES.size(); p++) {
            String[] phrase = PHRASES.get(p);
            if (i + phrase.length > tokens.size()) {
                continue;
            }
            boolean matches = true;
            for (int k = 0; k < phrase.length && matches; k++) {
                matches = tokens.get(i + k).lower().equals(phrase[k]);
            }
            if (matches && (best == null || phrase.length > best.lastToken() - best.firstToken() + 1)) {
                best = new Hit(PHRASE_CLASS.get(p), i, i + phrase.length - 1);
            }
        }
        return best;
    }

    /** Words that negate what follows: "not", "never", "no", and contractions in n't. */
    private static final Set<String> NEGATORS = Set.of("not", "never", "no");
    /**
     * Words a negator may stand before without negating an activity: "no more than three weeks", "not later than
     * Friday", "no fewer than 40" bound a figure, "not only" links clauses.
     */
    private static final Set<String> NOT_AN_ACTIVITY = Set.of("more", "less", "fewer", "longer", "later", "earlier",
            "sooner", "than", "only", "just", "least", "one", "until", "yet", "enough", "far", "much");
    /** How many auxiliaries may stand between a negator and the verb it negates ("not have been seen"). */
    private static final int NEGATED_AUXILIARIES_MAX = 3;

    /**
     * A negated verb or noun names an absence or a pause whatever the topic: "have not been seen", "has not played",
     * "hasn't spoken", "no flights", "never returned". Only durations and start times can measure it (see
     * {@link #fits}), so "not" near a count never makes it one.
     */
    private static Hit negatedAt(List<Token> tokens, int i) {
        String word = tokens.get(i).lower();
        boolean contraction = word.endsWith("n't") || word.endsWith("n’t");
        if (!NEGATORS.contains(word) && !contraction) {
            return null;
        }
        int j = i + 1;
        for (int skipped = 0; j < tokens.size() && skipped < NEGATED_AUXILIARIES_MAX
                && Words.AUXILIARIES.contains(tokens.get(j).lower()) && !tokens.get(j).is("not", "to"); skipped++) {
            j++;
        }
        if (j >= tokens.size()) {
            return null;
        }
        Token negated = tokens.get(j);
        if (!negated.isWord() || negated.isCapitalized() || NOT_AN_ACTIVITY.contains(negated.lower())
                || Words.isFunctionWord(negated.lower())) {
            return null;
        }
        return new Hit(ABSENT, i, j);
    }

    /** Every event class a text names ("how many were killed or wounded?" names killed and wounded). */
    static Set<String> classesIn(String text) {
        List<Token> tokens = Words.tokenize(text, 0, text.length());
        Set<String> classes = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Hit hit = at(tokens, i);
            if (hit != null) {
                classes.add(hit.eventClass());
            }
        }
        return classes;
    }

    /**
     * The class named by a coordination of event words: "killed and wounded" and "killed, injured, or captured" are
     * casualties; one class stays itself.
     */
    static String combine(Set<String> classes) {
        if (classes.isEmpty()) {
            return null;
        }
        if (classes.size() == 1) {
            return classes.iterator().next();
        }
        Set<String> harmed = new LinkedHashSet<>(Arrays.asList(KILLED, WOUNDED, CASUALTIES, CAPTURED, "missing"));
        if (harmed.containsAll(classes)) {
            return CASUALTIES;
        }
        return classes.iterator().next();
    }
}
