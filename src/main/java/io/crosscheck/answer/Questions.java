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
    private static final int SELF_CONTAINED_TERMS = 4;

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
}
