package io.crosscheck.conversation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Stores conversations turn by turn so that follow-up questions can be read in context. */
@ApplicationScoped
public class ConversationService {

    /** A past turn as the answer layer needs it. */
    public record Turn(int ordinal, String question, String retrievalQuery, String answer, String mode, OffsetDateTime at) {
    }

    @Transactional
    public List<Turn> history(String conversationId) {
        return ConversationTurn.listByConversation(conversationId).stream().map(ConversationService::turn).toList();
    }

    @Transactional
    public Optional<List<Turn>> find(String conversationId) {
        Conversation conversation = Conversation.findById(conversationId);
        return conversation == null ? Optional.empty() : Optional.of(history(conversationId));
    }

    /** Appends a turn, creating the conversation when it is new; returns the conversation id. */
    @Transactional
    public String append(String conversationId, String question, String retrievalQuery, String answer, String mode) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String id = conversationId != null ? conversationId : UUID.randomUUID().toString();
        Conversation conversation = Conversation.findById(id);
        if (conversation == null) {
            conversation = new Conversation();
            conversation.id = id;
            conversation.createdAt = now;
            conversation.updatedAt = now;
            conversation.persist();
        }
        conversation.updatedAt = now;
        ConversationTurn turn = new ConversationTurn();
        turn.conversation = conversation;
        turn.ordinal = (int) ConversationTurn.count("conversation.id", id);
        turn.question = question;
        turn.retrievalQuery = retrievalQuery;
        turn.answer = answer;
        turn.mode = mode;
        turn.createdAt = now;
        turn.persist();
        return id;
    }

    @Transactional
    public boolean delete(String conversationId) {
        ConversationTurn.delete("conversation.id", conversationId);
        return Conversation.deleteById(conversationId);
    }

    private static Turn turn(ConversationTurn t) {
        return new Turn(t.ordinal, t.question, t.retrievalQuery, t.answer, t.mode, t.createdAt);
    }
}
