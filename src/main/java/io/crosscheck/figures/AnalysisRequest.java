package io.crosscheck.figures;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A story waiting to be analysed, written in the transaction that changed it so that the queue survives a crash.
 * Repeated changes before the analysis runs update the one row, so a burst of articles costs one analysis. The
 * instance analysing the story holds a lease on the row, so that no other instance analyses it at the same time.
 */
@Entity
@Table(name = "analysis_queue")
public class AnalysisRequest extends PanacheEntityBase {

    @Id
    @Column(name = "story_id")
    public Long storyId;

    /** The oldest change not analysed yet: how far analysis lags, and what the longest delay counts from. */
    @Column(name = "first_requested_at")
    public OffsetDateTime firstRequestedAt;

    /** The newest change: an analysis removes the request only if no change came after the one it read. */
    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;

    /**
     * Not picked up before this time: a short delay that lets a burst of changes coalesce (never past the longest
     * delay after the first change, so a story that keeps changing is still analysed), or a retry's backoff.
     */
    @Column(name = "not_before")
    public OffsetDateTime notBefore;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    /** The instance analysing the story ({@code config.InstanceId}), or null. */
    @Column(name = "lease_owner")
    public String leaseOwner;

    /** Until when the owner holds the story; past it, another instance may take the story over. */
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    /**
     * Makes {@code owner} the holder of the story's request until {@code until}, unless another instance holds an
     * unexpired lease on it, and returns the request as it stands once taken. One conditional update, so that of two
     * instances taking the same story at once exactly one succeeds.
     */
    static Optional<AnalysisRequest> claim(long storyId, String owner, OffsetDateTime now, OffsetDateTime until) {
        int taken = update("leaseOwner = ?1, leaseUntil = ?2 where storyId = ?3 and (leaseOwner is null or leaseOwner = ?1"
                + " or leaseUntil < ?4)", owner, until, storyId, now);
        if (taken == 0) {
            return Optional.empty();
        }
        // read after the update, which waited for any concurrent change of the row: the newest change is the one analysed
        getEntityManager().clear();
        return AnalysisRequest.<AnalysisRequest> findByIdOptional(storyId);
    }

    /**
     * Whether {@code owner} still holds the story's request; if so the lease is extended to {@code until} and the row
     * stays locked until the caller's transaction ends, so that nobody takes it over while the analysis is written.
     */
    static boolean holds(long storyId, String owner, OffsetDateTime until) {
        return update("leaseUntil = ?1 where storyId = ?2 and leaseOwner = ?3", until, storyId, owner) == 1;
    }

    /** Gives the request back: a change that came during the analysis is then taken by whichever instance is free. */
    static void release(long storyId, String owner) {
        update("leaseOwner = null, leaseUntil = null where storyId = ?1 and leaseOwner = ?2", storyId, owner);
    }
}
