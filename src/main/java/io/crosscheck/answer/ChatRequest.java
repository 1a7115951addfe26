package io.crosscheck.answer;

import io.crosscheck.config.Limits;
import io.crosscheck.text.TextCleaner;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/chat}. Control characters and unpaired surrogates are dropped as the body is read, so
 * that validation judges, and the conversation stores, what is left.
 */
public record ChatRequest(
        @NotBlank(message = "must not be blank")
        @Size(max = Limits.QUESTION, message = "must be at most {max} characters") String question,
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank; leave it out to start a conversation")
        @Size(max = Limits.CONVERSATION_ID, message = "must be at most {max} characters") String conversationId) {

    public ChatRequest {
        question = TextCleaner.withoutControlCharacters(question);
        conversationId = TextCleaner.withoutControlCharacters(conversationId);
    }
}
