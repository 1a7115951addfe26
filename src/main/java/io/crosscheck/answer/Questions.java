package io.crosscheck.answer;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.crosscheck.retrieval.Terms;

/** What can be read off a question's wording alone: whether it asks for a quantity and whether it leans on context. */
public final class Questions {

    private static final Pattern QUANTITATIVE = Pattern.compile(
            "(?i)\\b(how (many|much|long|large|big|high|far|often|old)|number of|amount of|percentage|percent|share of"
                    + "|proportion|toll|count|figures?|estimates?|total|size of|cost)\\b");
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

    private Questions() {
    }

    public static boolean isQuantitative(String question) {
        return QUANTITATIVE.matcher(question).find();
    }

    /** Stemmed content terms of the question, without the question words themselves. */
    public static Set<String> contentTerms(String question) {
        Set<String> terms = Terms.of(question);
        terms.removeAll(QUESTION_WORDS);
        return terms;
    }

    /** A follow-up ("and how many were wounded?") needs the previous question to be understood. */
    public static boolean isFollowUp(String question) {
        return FOLLOW_UP_OPENING.matcher(question).find() || PRONOUN.matcher(question.toLowerCase(Locale.ROOT)).find()
                || contentTerms(question).size() < SELF_CONTAINED_TERMS;
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
