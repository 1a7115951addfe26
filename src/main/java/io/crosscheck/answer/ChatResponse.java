package io.crosscheck.answer;

import java.util.List;

/**
 * The answer contract shared by the REST endpoint, the stream's final event, the web page and the Slack bot.
 * {@code conflicts} is always computed by the service from stored figures, never by a language model.
 * {@code analysisPending} is true when a story the answer draws on has changed since its figures were last analysed:
 * the conflicts shown are the last analysed ones. {@code stored} is false when the database could not take the turn
 * (read-only, full or away): the question is answered all the same, but the conversation will not remember it.
 */
public record ChatResponse(String conversationId, String mode, String answer, List<Citation> citations,
        List<ConflictView> conflicts, boolean analysisPending, boolean stored) {

    public static final String EXTRACTIVE = "extractive";
    public static final String LLM = "llm";

    /** A response whose turn was stored. */
    public ChatResponse(String conversationId, String mode, String answer, List<Citation> citations,
            List<ConflictView> conflicts, boolean analysisPending) {
        this(conversationId, mode, answer, citations, conflicts, analysisPending, true);
    }

    /** A cited passage; {@code quote} is verbatim article text. */
    public record Citation(int n, String articleId, String title, String outlet, String url, String publishedAt,
            String quote) {
    }

    /** A measure bearing on the question, with its distinct figures; a measure never spans two stories. */
    public record ConflictView(String measureId, String measure, String status, String summary, Long storyId,
            String story, List<FigureView> figures) {
    }

    /**
     * One distinct figure: the same bounds, unit, as-of date, derived flag and source, however many articles report
     * it. {@code articleId}, {@code quote} and {@code n} are those of the earliest article; {@code sources} lists every
     * article reporting it, earliest first, with its citation number when it is cited. {@code value} and {@code quote}
     * are verbatim.
     */
    public record FigureView(String value, Double low, Double high, String unit, String attribution, String articleId,
            String quote, Integer n, boolean derived, String asOf, List<Source> sources) {
    }

    /** An article reporting a figure; {@code n} is null when the answer does not cite it. */
    public record Source(String articleId, String outlet, Integer n) {
    }
}
