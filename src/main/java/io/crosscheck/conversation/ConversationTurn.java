package io.crosscheck.conversation;

import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;

/** One question and its answer; {@code retrievalQuery} is what was searched once the context was applied. */
@Entity
@jakarta.persistence.Table(name = "conversation_turn")
public class ConversationTurn extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversation_turn_seq")
    @SequenceGenerator(name = "conversation_turn_seq", sequenceName = "conversation_turn_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "conversation_id")
    public Conversation conversation;

    public int ordinal;

    @Column(columnDefinition = "text")
    public String question;

    @Column(name = "retrieval_query", columnDefinition = "text")
    public String retrievalQuery;

    @Column(columnDefinition = "text")
    public String answer;

    public String mode;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static List<ConversationTurn> listByConversation(String conversationId) {
        return list("conversation.id = ?1 order by ordinal", conversationId);
    }
}
