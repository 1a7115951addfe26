package io.crosscheck.conversation;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.crosscheck.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Stores conversations turn by turn so that follow-up questions can be read in context. Ids are issued here, never
 * chosen by a client; a conversation started by an authenticated caller is visible to that caller only, and to
 * everyone else it does not exist.
 */
@ApplicationScoped
public class ConversationService {

    /** 128 random bits: an anonymous caller's id is its only capability, so it must not be guessable. */
    private static final int ID_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A past turn as the answer layer needs it. */
    public record Turn(int ordinal, String question, String retrievalQuery, String answer, String mode, OffsetDateTime at) {
    }

    /** The conversation's turns, oldest first; 404 when the caller may not see it or the server never issued the id. */
    @Transactional
    public List<Turn> history(String conversationId, String caller) {
        visible(conversationId, caller, LockModeType.NONE).orElseThrow(() -> notFound(conversationId));
        return ConversationTurn.listByConversation(conversationId).stream().map(ConversationService::turn).toList();
    }

    /**
     * Appends a turn to the caller's conversation, or starts a new one owned by the caller when the id is null; returns
     * the conversation id. Appending locks the conversation row, so that turns asked at the same time get consecutive
     * ordinals in the order they finish instead of the same one.
     */
    @Transactional
    public String append(String conversationId, String caller, String question, String retrievalQuery, String answer,
            String mode) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Conversation conversation;
        if (conversationId == null) {
            conversation = new Conversation();
            conversation.id = newId();
            conversation.owner = caller;
            conversation.createdAt = now;
            conversation.updatedAt = now;
            conversation.persist();
        } else {
            conversation = visible(conversationId, caller, LockModeType.PESSIMISTIC_WRITE)
                    .orElseThrow(() -> notFound(conversationId));
        }
        conversation.updatedAt = now;
        ConversationTurn turn = new ConversationTurn();
        turn.conversation = conversation;
        turn.ordinal = (int) ConversationTurn.count("conversation.id", conversation.id);
        turn.question = question;
        turn.retrievalQuery = retrievalQuery;
        turn.answer = answer;
        turn.mode = mode;
        turn.createdAt = now;
        turn.persist();
        return conversation.id;
    }

    @Transactional
    public boolean delete(String conversationId, String caller) {
        Optional<Conversation> conversation = visible(conversationId, caller, LockModeType.NONE);
        conversation.ifPresent(c -> {
            ConversationTurn.delete("conversation.id", conversationId);
            c.delete();
        });
        return conversation.isPresent();
    }

    /** Said alike of an id never issued and of another caller's conversation, so that existence does not leak. */
    public static ProblemException notFound(String conversationId) {
        return new ProblemException(404, "Conversation not found", "no conversation with id '" + conversationId
                + "'; omit conversationId to start one: the service issues its id");
    }

    /** The conversation when the caller may see it; one never issued and another caller's look alike: absent. */
    private static Optional<Conversation> visible(String conversationId, String caller, LockModeType lock) {
        Conversation conversation = Conversation.findById(conversationId, lock);
        return conversation != null && conversation.visibleTo(caller) ? Optional.of(conversation) : Optional.empty();
    }

    private static String newId() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Turn turn(ConversationTurn t) {
        return new Turn(t.ordinal, t.question, t.retrievalQuery, t.answer, t.mode, t.createdAt);
    }
}
