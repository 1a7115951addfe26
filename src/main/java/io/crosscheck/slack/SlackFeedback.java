package io.crosscheck.slack;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A 👍 or 👎 on one answer by one Slack user; voting again replaces the rating. */
@Entity
@Table(name = "slack_feedback")
public class SlackFeedback extends PanacheEntityBase {

    public static final String UP = "up";
    public static final String DOWN = "down";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "slack_feedback_seq")
    @SequenceGenerator(name = "slack_feedback_seq", sequenceName = "slack_feedback_seq", allocationSize = 50)
    public Long id;

    @Column(name = "delivery_id")
    public Long deliveryId;

    @Column(name = "conversation_key")
    public String conversationKey;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "channel_id")
    public String channelId;

    @Column(name = "user_id")
    public String userId;

    public String rating;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Optional<SlackFeedback> vote(long deliveryId, String userId) {
        return find("deliveryId = ?1 and userId = ?2", deliveryId, userId).firstResultOptional();
    }
}
