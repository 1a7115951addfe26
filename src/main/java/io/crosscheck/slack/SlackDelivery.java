package io.crosscheck.slack;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A question accepted from Slack: written before Slack gets its acknowledgement and marked answered only once the
 * reply is posted, so that the table is both the dedupe record and the queue that survives a restart. The instance
 * answering a question holds a lease on its row, so that instances sharing the database answer it once.
 */
@Entity
@Table(name = "slack_delivery")
public class SlackDelivery extends PanacheEntityBase {

    public static final String EVENT = "event";
    public static final String COMMAND = "command";

    public static final String PENDING = "pending";
    public static final String ANSWERED = "answered";
    public static final String FAILED = "failed";
    public static final String EXPIRED = "expired";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "slack_delivery_seq")
    @SequenceGenerator(name = "slack_delivery_seq", sequenceName = "slack_delivery_seq", allocationSize = 50)
    public Long id;

    public String kind;

    @Column(name = "delivery_key")
    public String deliveryKey;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "channel_id")
    public String channelId;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "message_ts")
    public String messageTs;

    @Column(name = "thread_ts")
    public String threadTs;

    @Column(name = "conversation_key")
    public String conversationKey;

    @Column(columnDefinition = "text")
    public String question;

    @Column(name = "response_url")
    public String responseUrl;

    public String status;

    public int attempts;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;

    @Column(name = "reply_ts")
    public String replyTs;

    @Column(name = "answer_json", columnDefinition = "text")
    public String answerJson;

    @Column(name = "last_error")
    public String lastError;

    /** The instance answering the question ({@code config.InstanceId}), or null. */
    @Column(name = "lease_owner")
    public String leaseOwner;

    /** Until when the owner holds the question; past it, another instance may answer it. */
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    public static boolean seen(String deliveryKey, String channelId, String messageTs) {
        if (messageTs == null) {
            return count("deliveryKey", deliveryKey) > 0;
        }
        return count("deliveryKey = ?1 or (channelId = ?2 and messageTs = ?3)", deliveryKey, channelId, messageTs) > 0;
    }

    /** A question still to answer, and the conversation whose order it must keep. */
    public record Pending(long id, String conversationKey) {
    }

    /** Pending questions no other instance holds at {@code now}: unleased, leased by {@code owner}, or expired. */
    public static List<Pending> pending(String owner, OffsetDateTime now) {
        return getEntityManager().createQuery("select d.id, d.conversationKey from SlackDelivery d where d.status = :status"
                + " and (d.leaseOwner is null or d.leaseOwner = :owner or d.leaseUntil < :now) order by d.id", Object[].class)
                .setParameter("status", PENDING).setParameter("owner", owner).setParameter("now", now).getResultList().stream()
                .map(row -> new Pending((Long) row[0], (String) row[1])).toList();
    }

    /**
     * Makes {@code owner} the holder of a pending question until {@code until} and counts the attempt, unless another
     * instance holds an unexpired lease on it: one conditional update, so that of two instances taking the same
     * question at once exactly one succeeds.
     */
    static boolean claim(long id, String owner, OffsetDateTime now, OffsetDateTime until) {
        return update("leaseOwner = ?1, leaseUntil = ?2, attempts = attempts + 1 where id = ?3 and status = ?4"
                + " and (leaseOwner is null or leaseOwner = ?1 or leaseUntil < ?5)", owner, until, id, PENDING, now) == 1;
    }

    /** Whether {@code owner} still holds the pending question; if so its lease is extended to {@code until}. */
    static boolean holds(long id, String owner, OffsetDateTime until) {
        return update("leaseUntil = ?1 where id = ?2 and status = ?3 and leaseOwner = ?4", until, id, PENDING, owner) == 1;
    }

    public static Optional<SlackDelivery> byId(long id) {
        return findByIdOptional(id);
    }
}
