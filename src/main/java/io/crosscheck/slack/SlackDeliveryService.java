package io.crosscheck.slack;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;


import io.crosscheck.problem.Causes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The slack_delivery table: accepting a question once, and recording how its answer went. */
@ApplicationScoped
public class SlackDeliveryService {

    private static final int MAX_ERROR = 1000;

    /**
     * Records a question in its own committed transaction, unless the same event, or the same message under another
     * event id, was recorded before. Returns the new row's id, or empty for a duplicate.
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

    /** Starts an attempt on a pending question; empty when it is answered, failed or unknown. */
    @Transactional
    public Optional<SlackDelivery> startAttempt(long id) {
        Optional<SlackDelivery> delivery = SlackDelivery.<SlackDelivery> findByIdOptional(id)
                .filter(d -> SlackDelivery.PENDING.equals(d.status));
        delivery.ifPresent(d -> d.attempts++);
        return delivery;
    }

    @Transactional
    public void answered(long id, String replyTs, String answerJson) {
        SlackDelivery.<SlackDelivery> findByIdOptional(id).ifPresent(d -> {
            d.status = SlackDelivery.ANSWERED;
            d.answeredAt = OffsetDateTime.now();
            d.replyTs = replyTs;
            d.answerJson = answerJson;
            d.lastError = null;
        });
    }

    @Transactional
    public void finish(long id, String status, String error, String answerJson) {
        SlackDelivery.<SlackDelivery> findByIdOptional(id).ifPresent(d -> {
            d.status = status;
            d.answeredAt = OffsetDateTime.now();
            d.answerJson = answerJson;
            d.lastError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        });
    }

    @Transactional
    public List<SlackDelivery.Pending> pending() {
        return SlackDelivery.pending();
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
