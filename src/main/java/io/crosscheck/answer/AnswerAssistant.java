package io.crosscheck.answer;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.smallrye.mutiny.Multi;

/**
 * The language model behind LLM mode. It sees only the passages we fence for it and their numbers; history is given
 * explicitly, so no model-side memory is kept between requests.
 */
@RegisterAiService(chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class,
        retrievalAugmentor = RegisterAiService.NoRetrievalAugmentorSupplier.class)
public interface AnswerAssistant {

    @SystemMessage(fromResource = "prompts/answer-system.txt")
    @UserMessage(fromResource = "prompts/answer-user.txt")
    String answer(String passages, String history, String question);

    @SystemMessage(fromResource = "prompts/answer-system.txt")
    @UserMessage(fromResource = "prompts/answer-user.txt")
    Multi<String> stream(String passages, String history, String question);
}
