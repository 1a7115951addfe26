package io.crosscheck.slack;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.crosscheck.config.InstanceId;
import io.crosscheck.problem.Causes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The slack_delivery table: accepting a question once, the lease of the instance answering it, and recording how its
 * answer went.
 */
@ApplicationScoped
public class SlackDeliveryService {

    private static final int MAX_ERROR = 1000;

    private final String instance;
    private final SlackBotConfig config;

    public SlackDeliveryService(InstanceId instance, SlackBotConfig config) {
        this.instance = instance.value();
        this.config = config;
    }

    /**
     * Records a question in its own committed transaction, unless the same event, or the same message under another
     * event id, was recorded before. Returns the new row's id, or empty for a duplicate. The accepting instance holds
     * the new question, so that no other instance answers it out of its conversation's order while it waits its turn.
     */
    public Optional<Long> accept(SlackDelivery delivery) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (SlackDelivery.seen(delivery.deliveryKey, delivery.channelId, delivery.messageTs)) {
                    return Optional.<Long> empty();
                }
                delivery.status = SlackDelivery.PENDING;
                delivery.attempts = 0;
                delivery.receivedAt = OffsetDateTime.now();
                delivery.leaseOwner = instance;
                delivery.leaseUntil = delivery.receivedAt.plus(config.lease());
                delivery.persistAndFlush();
                return Optional.of(delivery.id);
            });
        } catch (RuntimeException e) {
            if (Causes.isConstraintViolation(e)) {
                // a concurrent delivery of the same question committed first
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Starts {@code owner}'s attempt on a pending question, holding it for the configured lease; empty when it is
     * answered, failed or unknown, or another instance holds it.
     */
    @Transactional
    public Optional<SlackDelivery> startAttempt(long id, String owner) {
        OffsetDateTime now = OffsetDateTime.now();
        if (!SlackDelivery.claim(id, owner, now, now.plus(config.lease()))) {
            return Optional.empty();
        }
        // read after the update, which waited for any concurrent change of the row
        SlackDelivery.getEntityManager().clear();
        return SlackDelivery.byId(id);
    }

    /**
     * Whether {@code owner} still holds the pending question, extending its lease: checked just before the answer is
     * posted, so that an instance whose lease expired while it prepared the answer does not post a second one.
     */
    @Transactional
    public boolean stillHeld(long id, String owner) {
        return SlackDelivery.holds(id, owner, OffsetDateTime.now().plus(config.lease()));
    }

    @Transactional
    public void answered(long id, String replyTs, String answerJson) {
        SlackDelivery.<SlackDelivery> findByIdOptional(id).ifPresent(d -> {
            d.status = SlackDelivery.ANSWERED;
            d.answeredAt = OffsetDateTime.now();
            d.replyTs = replyTs;
            d.answerJson = answerJson;
            d.lastError = null;
            d.leaseOwner = null;
            d.leaseUntil = null;
        });
    }

    @Transactional
    public void finish(long id, String status, String error, String answerJson) {
        SlackDelivery.<SlackDelivery> findByIdOptional(id).ifPresent(d -> {
            d.status = status;
            d.answeredAt = OffsetDateTime.now();
            d.answerJson = answerJson;
            d.lastError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
            d.leaseOwner = null;
            d.leaseUntil = null;
        });
    }

    /** Gives back every pending question {@code owner} holds; returns how many. */
    @Transactional
    public int release(String owner) {
        return SlackDelivery.update("leaseOwner = null, leaseUntil = null where status = ?1 and leaseOwner = ?2",
                SlackDelivery.PENDING, owner);
    }

    /** Pending questions that no instance but {@code owner} holds now. */
    @Transactional
    public List<SlackDelivery.Pending> pending(String owner) {
        return SlackDelivery.pending(owner, OffsetDateTime.now());
    }

    @Transactional
    public Optional<SlackDelivery> find(long id) {
        return SlackDelivery.byId(id);
    }

    /** Records a user's vote on an answer, replacing their earlier vote. */
    @Transactional
    public void vote(long deliveryId, String conversationKey, String teamId, String channelId, String userId, String rating) {
        SlackFeedback feedback = SlackFeedback.vote(deliveryId, userId).orElseGet(SlackFeedback::new);
        feedback.deliveryId = deliveryId;
        feedback.conversationKey = conversationKey;
        feedback.teamId = teamId;
        feedback.channelId = channelId;
        feedback.userId = userId;
        feedback.rating = rating;
        feedback.createdAt = OffsetDateTime.now();
        feedback.persist();
    }
}
