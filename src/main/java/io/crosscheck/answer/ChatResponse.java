package io.crosscheck.answer;

import java.util.List;

/**
 * The answer contract shared by the REST endpoint, the stream's final event, the web page and the Slack bot.
 * {@code conflicts} is always computed by the service from stored figures, never by a language model.
 */
public record ChatResponse(String conversationId, String mode, String answer, List<Citation> citations,
        List<ConflictView> conflicts) {

    public static final String EXTRACTIVE = "extractive";
    public static final String LLM = "llm";

    /** A cited passage; {@code quote} is verbatim article text. */
    public record Citation(int n, String articleId, String title, String outlet, String url, String publishedAt,
            String quote) {
    }

    /** A measure bearing on the question, with every article's figures for it. */
    public record ConflictView(String measureId, String measure, String status, String summary, List<FigureView> figures) {
    }

    /** One reported (or derived) figure; {@code value} and {@code quote} are verbatim, {@code n} its citation number. */
    public record FigureView(String value, Double low, Double high, String unit, String attribution, String articleId,
            String quote, Integer n, boolean derived, String asOf) {
    }
}
