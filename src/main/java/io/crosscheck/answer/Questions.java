package io.crosscheck.answer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crosscheck.retrieval.Terms;

/**
 * What can be read off a question's wording alone: what kind of answer it asks for (a quantity, a time, a cause, what
 * someone said) and whether it leans on context.
 */
public final class Questions {

    /** What a question asks for, which decides what answers it: figures, or sentences of a certain kind. */
    public enum Kind {
        /** A number, or whether sources agree on one: the figures lead. */
        QUANTITY,
        /** A time or date: sentences stating when. */
        WHEN,
        /** A cause or reason: sentences stating why. */
        WHY,
        /** What someone said: their direct and reported speech. */
        WHO_SAID,
        /** Anything else: the best matching sentences. */
        OTHER;

        /** Whether measures and their figures belong in the answer. */
        public boolean showsFigures() {
            return this == QUANTITY || this == OTHER;
        }
    }

    private static final Pattern QUANTITATIVE = Pattern.compile(
            "(?i)\\b(how (many|much|long|large|big|high|far|often|old)|number of|amount of|percentage|percent|share of"
                    + "|proportion|toll|count|figures?|estimates?|total|size of|cost)\\b");
    /**
     * Asking whether sources agree ("Does the union agree with the company's figure?", "Do the estimates match?") is
     * asking about the figures they give.
     */
    private static final Pattern AGREEMENT = Pattern.compile(
            "(?i)\\b(agrees?|disagrees?|agreement|disputes?|contradicts?|consistent|match(es)?|differ|differs|confirms?|tally)\\b");
    /**
     * "What did the minister say?", "What has Olsen told reporters?", "Who said …": the speaker is what stands between
     * the auxiliary and the speech verb.
     */
    private static final Pattern WHO_SAID = Pattern.compile("(?i)^\\W*(?:and\\s+|so\\s+)?(?:what|how)\\s+(?:did|does|do|has|have|had|was|were)"
            + "\\s+(?<speaker>.+?)\\s+(?:say|said|tell|told|state|stated|claim|claimed|warn|warned|add|added|announce|announced"
            + "|argue|argued|respond|responded|reply|replied|comment|commented)\\b|^\\W*who\\s+(?:said|says|told|claimed|warned)\\b");
    private static final Pattern WHEN = Pattern.compile("(?i)^\\W*(?:and\\s+|so\\s+|but\\s+)?(?:when|since when|until when"
            + "|(?:on|in|at|by)\\s+what\\s+(?:day|date|time|year|month)|what\\s+(?:day|date|time|year|month)|how long ago)\\b");
    private static final Pattern WHY = Pattern.compile("(?i)^\\W*(?:and\\s+|so\\s+|but\\s+)?(?:why|how come|for what reason)\\b"
            + "|\\bwhat\\s+(?:caused|causes|led to|leads to|prompted|triggered|is behind|was behind|explains)\\b"
            + "|\\b(?:the|what is the|what was the|what are the)\\s+reasons?\\b");
    private static final Pattern FOLLOW_UP_OPENING = Pattern.compile(
            "(?i)^\\s*(and|but|also|so|what about|how about|then|ok(ay)?|and what|what else)\\b");
    private static final Pattern PRONOUN = Pattern.compile("(?i)\\b(they|them|their|it|its|those|these|he|she|that one)\\b");
    private static final Set<String> QUESTION_WORDS = Set.of("how", "mani", "much", "what", "which", "who", "whom", "when",
            "where", "why", "did", "do", "doe", "were", "have", "ha", "had", "been", "can", "could", "would", "should");
    /**
     * A question with fewer content terms than this names no subject of its own ("why?", "how many were wounded?") and
     * borrows the previous one's; two are enough to stand alone ("what is the capital of France?", "when did the troops
     * withdraw?"). It was 4, which made nearly every short question a follow-up of the one before.
     */
    private static final int SELF_CONTAINED_TERMS = 2;
    /**
     * A pronoun makes a question a follow-up unless the question names its own subject: a name and at least this many
     * content terms ("When did the river Vess burst its banks?": river, vess, burst, bank). "Why did they withdraw?"
     * and "What did he say about the deal?" have fewer and still borrow the previous subject.
     */
    private static final int NAMED_SUBJECT_TERMS = 3;
    private static final Pattern NAME_AFTER_FIRST_WORD = Pattern.compile("^\\S+.*?\\s\\p{Lu}\\p{Ll}");

    private Questions() {
    }

    public static boolean isQuantitative(String question) {
        return QUANTITATIVE.matcher(question).find() || AGREEMENT.matcher(question).find();
    }

    /**
     * The kind of answer a question asks for. What someone said, when and why are read first: "How much did the
     * minister say it would cost?" asks for a quantity, so a who-said question must not name a quantity.
     */
    public static Kind kind(String question) {
        if (WHO_SAID.matcher(question).find() && !QUANTITATIVE.matcher(question).find()) {
            return Kind.WHO_SAID;
        }
        if (WHEN.matcher(question).find()) {
            return Kind.WHEN;
        }
        if (WHY.matcher(question).find()) {
            return Kind.WHY;
        }
        return isQuantitative(question) ? Kind.QUANTITY : Kind.OTHER;
    }

    /**
     * The words naming the speaker of a who-said question ("Margit Olsen" of "What did chief auditor Margit Olsen
     * say?"): its capitalised words, or, when it names none ("the ministry"), its content words.
     */
    public static List<String> speaker(String question) {
        Matcher m = WHO_SAID.matcher(question);
        if (!m.find() || m.group("speaker") == null) {
            return List.of();
        }
        List<String> words = Arrays.stream(m.group("speaker").split("[^\\p{L}\\p{N}'’-]+")).filter(w -> !w.isBlank()).toList();
        List<String> names = words.stream().filter(w -> Character.isUpperCase(w.charAt(0)))
                .map(w -> w.replaceAll("['’]s$", "")).toList();
        if (!names.isEmpty()) {
            return names;
        }
        return words.stream().filter(w -> !Terms.of(w).isEmpty()).toList();
    }

    /** Stemmed content terms of the question, without the question words themselves. */
    public static Set<String> contentTerms(String question) {
        Set<String> terms = Terms.of(question);
        terms.removeAll(QUESTION_WORDS);
        return terms;
    }

    /** A follow-up ("and how many were wounded?") needs the previous question to be understood. */
    public static boolean isFollowUp(String question) {
        int terms = contentTerms(question).size();
        return FOLLOW_UP_OPENING.matcher(question).find() || terms < SELF_CONTAINED_TERMS
                || PRONOUN.matcher(question.toLowerCase(Locale.ROOT)).find() && !(terms >= NAMED_SUBJECT_TERMS && namesSomething(question));
    }

    /** A capitalised word after the first: a name ("the river Vess", "Kursk") the question's pronouns can refer to. */
    private static boolean namesSomething(String question) {
        return NAME_AFTER_FIRST_WORD.matcher(question.strip()).find();
    }

    /**
     * What a question is searched with: the question alone when it stands on its own or starts the conversation;
     * otherwise the question and the previous turn's subject only, never the whole chain of earlier questions.
     */
    public static String retrievalQuery(String question, String previousQuestion, String previousRetrievalQuery) {
        if (previousQuestion == null || !isFollowUp(question)) {
            return question;
        }
        return question + " " + subject(previousQuestion, previousRetrievalQuery);
    }

    /**
     * The subject of a turn: its question when it stood alone (searched as itself), else the subject it borrowed, which
     * its search query carries after the question.
     */
    static String subject(String question, String retrievalQuery) {
        return retrievalQuery.startsWith(question + " ") ? retrievalQuery.substring(question.length() + 1) : retrievalQuery;
    }
}
