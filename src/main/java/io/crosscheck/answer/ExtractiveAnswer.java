package io.crosscheck.answer;

import java.util.List;

/** An answer composed without a language model, with its numbered citations and the conflicts they support. */
public record ExtractiveAnswer(String answer, Citations citations, List<ChatResponse.ConflictView> conflicts) {
}
