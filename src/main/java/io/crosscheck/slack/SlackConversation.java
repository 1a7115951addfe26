package io.crosscheck.slack;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Maps a Slack thread (team:channel:thread_ts) to the Crosscheck conversation that carries its history. */
@Entity
@Table(name = "slack_conversation")
public class SlackConversation extends PanacheEntityBase {

    @Id
    @Column(name = "conversation_key")
    public String conversationKey;

    @Column(name = "conversation_id")
    public String conversationId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
