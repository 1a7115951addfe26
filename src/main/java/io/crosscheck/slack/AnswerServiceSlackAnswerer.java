package io.crosscheck.slack;

import java.time.OffsetDateTime;

import io.crosscheck.answer.AnswerService;
import io.crosscheck.answer.ChatResponse;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers Slack questions through the answer layer; a Slack thread's key is mapped to the Crosscheck conversation
 * it continues.
 */
@ApplicationScoped
public class AnswerServiceSlackAnswerer implements SlackAnswerer {

    private final AnswerService answers;

    public AnswerServiceSlackAnswerer(AnswerService answers) {
        this.answers = answers;
    }

    @Override
    public ChatResponse answer(String question, String conversationKey) {
        String conversationId = QuarkusTransaction.requiringNew().call(() -> SlackConversation.<SlackConversation> findByIdOptional(
                conversationKey).map(c -> c.conversationId).orElse(null));
        // a thread has no Crosscheck caller: its server-issued conversation id, kept here, is the capability
        ChatResponse response = answers.ask(question, conversationId, null);
        if (conversationId == null) {
            remember(conversationKey, response.conversationId());
        }
        return response;
    }

    @Override
    public int sourceCount() {
        return (int) answers.sourceCount();
    }

    /** Links a thread to the conversation its first answer started; of two racing first questions, the first wins. */
    private static void remember(String conversationKey, String conversationId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (SlackConversation.findById(conversationKey) == null) {
                    SlackConversation conversation = new SlackConversation();
                    conversation.conversationKey = conversationKey;
                    conversation.conversationId = conversationId;
                    conversation.createdAt = OffsetDateTime.now();
                    conversation.persist();
                }
            });
        } catch (RuntimeException e) {
            Log.debugf("Conversation of %s already recorded: %s", conversationKey, e.getMessage());
        }
    }
}
