package io.crosscheck.answer;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.crosscheck.figures.TimeReferences;
import io.crosscheck.text.QuoteMarks;

/**
 * The wording that makes a sentence answer a question that is not about a number: a time for "when", a stated cause
 * for "why", speech for "who said what". General English news wording; each list holds the closed-class words
 * (connectives, time words, reporting verbs) that news style guides name for the purpose, none taken from one article.
 */
final class AnswerCues {

    /**
     * The month names the figures read dates with, and their abbreviations as news writes them ("Jan.", "Sept."): a
     * name's first three letters, or four, before a full stop (looked ahead to, so that the word ends where a pattern's
     * word boundary expects it).
     */
    private static final String MONTHS = TimeReferences.MONTHS + "|" + Arrays.stream(TimeReferences.MONTHS.split("\\|"))
            .filter(name -> name.length() > 3)
            .map(name -> name.substring(0, 3) + "(?:" + name.charAt(3) + ")?(?=\\.)").collect(Collectors.joining("|"));

    /**
     * A time or a duration: dates, weekdays, years, clock times, parts of the day and spans measured from an event
     * ("since mid-January", "two weeks later", "for six weeks").
     */
    private static final Pattern TIME = Pattern.compile("(?i)\\b(?:" + MONTHS
            + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|overnight|dawn|dusk"
            + "|morning|afternoon|evening|midnight|noon|weekend|ago|since|until|till|spring|summer|autumn|winter"
            + "|(?:18|19|20)\\d{2}s?|\\d{1,2}(?::\\d{2})?\\s*(?:a\\.m\\.|p\\.m\\.|am|pm)|mid-\\p{L}+|early|late[r]?|earlier"
            + "|(?:for|within|after|in)\\s+(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)"
            + "\\s+(?:hours?|days?|weeks?|months?|years?))\\b");

    /** Connectives and verbs that state a cause or a purpose. */
    private static final Pattern CAUSE = Pattern.compile("(?i)\\b(?:because|due to|owing to|as a result|result of"
            + "|caused by|cause[sd]?|blam(?:e|ed|es|ing)|citing|cited|reasons?|in order to|so that|needed to|needs? to"
            + "|led to|leading to|triggered|prompted|driven by|thanks to|attributed|explained|amid|struggl(?:e|es|ed|ing)"
            + "|pressure|problems? with|failures?|shortages?)\\b");

    /**
     * Weaker signs of a cause: temporal connectives that news often uses causally ("after the rains", "as it faces"),
     * but more often only to say when ("since 2019").
     */
    private static final Pattern WEAK_CAUSE = Pattern.compile("(?i)\\b(?:after|since|following|as (?:it|they|the|a))\\b");

    /** Verbs of saying, direct or reported. */
    private static final Pattern SPEECH = Pattern.compile("(?i)\\b(?:said|says|say|told|tells|added|adds|warned|warns"
            + "|stated|states|argued|argues|insisted|insists|claimed|claims|according to|denied|denies|rejected|rejects"
            + "|wrote|writes|asked|asks|promised|pledged|vowed|described|accused|defended|disputed|announced|called)\\b");

    /** A pronoun saying the speech is the last named speaker's ("she told reporters", "said he"). */
    private static final Pattern PRONOUN_SPEECH = Pattern.compile("(?i)\\b(?:he|she|they|we)\\s+(?:said|says|told|added"
            + "|warned|stated|argued|insisted|claimed|wrote|asked)\\b|\\b(?:said|says|added|told)\\s+(?:he|she|they)\\b");

    private AnswerCues() {
    }

    /**
     * A dateline ("MARREN, June 2, 2025 (Continental Wire) — "): the place and date of the report, not of what it
     * reports, so it says nothing about when something happened.
     */
    private static final Pattern DATELINE = Pattern.compile("^\\p{Lu}[\\p{L} .'-]*,[^—–]{0,80}?(?:18|19|20)\\d{2}[^—–]{0,60}[—–]\\s*");

    /** Whether a sentence states a time or duration, its dateline aside. */
    static boolean statesTime(String sentence) {
        return TIME.matcher(DATELINE.matcher(sentence).replaceFirst("")).find();
    }

    static boolean statesCause(String sentence) {
        return CAUSE.matcher(sentence).find();
    }

    /** A temporal connective that may state a cause; counted only when no sentence states one plainly. */
    static boolean maySayCause(String sentence) {
        return WEAK_CAUSE.matcher(sentence).find();
    }

    static boolean isSpeech(String sentence) {
        return QuoteMarks.hasAny(sentence) || SPEECH.matcher(sentence).find();
    }

    static boolean isDirectSpeech(String sentence) {
        return QuoteMarks.hasAny(sentence);
    }

    /** Speech whose speaker is given by a pronoun or by the quote's paragraph, not named in the sentence itself. */
    static boolean speakerGivenByContext(String sentence) {
        return PRONOUN_SPEECH.matcher(sentence).find() || QuoteMarks.hasAny(sentence.substring(0, Math.min(2, sentence.length())));
    }
}
