package io.crosscheck.figures;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A story waiting to be analysed, written in the transaction that changed it so that the queue survives a crash.
 * Repeated changes before the analysis runs update the one row, so a burst of articles costs one analysis.
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
}
