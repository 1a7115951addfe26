package io.crosscheck.answer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/chat}. */
public record ChatRequest(
        @NotBlank(message = "must not be blank") @Size(max = 2000, message = "must be at most 2000 characters") String question,
        @Size(max = 100, message = "must be at most 100 characters") String conversationId) {
}
