package io.crosscheck.answer;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.crosscheck.conversation.ConversationService;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The guarded boundary to the language model: a timeout and a circuit breaker, so a slow or failing model costs
 * callers at most the timeout and, once the breaker opens, nothing. Callers fall back to the extractive answer.
 */
@ApplicationScoped
public class LlmAnswerService {

    private final AnswerAssistant assistant;

    public LlmAnswerService(AnswerAssistant assistant) {
        this.assistant = assistant;
    }

    /**
     * Asynchronous so that the timeout is exact: the caller stops waiting when it expires, whether or not the HTTP
     * client notices the interruption.
     */
    @Asynchronous
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @Timed(value = "crosscheck.llm.answer", description = "Language model answer latency")
    @Counted(value = "crosscheck.llm.calls", description = "Language model calls")
    public CompletionStage<String> answer(Citations passages, List<ConversationService.Turn> history, String question) {
        return CompletableFuture.completedFuture(assistant.answer(fence(passages), history(history), question));
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public Multi<String> stream(Citations passages, List<ConversationService.Turn> history, String question) {
        return assistant.stream(fence(passages), history(history), question);
    }

    /** Passages as fenced data blocks; the model is told their content is never instructions. */
    static String fence(Citations passages) {
        return passages.list().stream().map(c -> "<passage n=\"" + c.n() + "\" article=\"" + c.articleId() + "\""
                + (c.outlet() != null ? " outlet=\"" + attribute(c.outlet()) + "\"" : "")
                + (c.publishedAt() != null ? " published=\"" + c.publishedAt() + "\"" : "") + ">\n"
                + c.quote().replace("</passage>", "< /passage>") + "\n</passage>").collect(Collectors.joining("\n"));
    }

    private static String history(List<ConversationService.Turn> history) {
        return history.stream().map(t -> "Q: " + t.question() + "\nA: " + t.answer()).collect(Collectors.joining("\n"));
    }

    private static String attribute(String value) {
        return value.replace("\"", "'");
    }
}
