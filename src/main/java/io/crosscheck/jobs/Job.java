package io.crosscheck.jobs;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One unit of background work in the shared job table: its kind names the {@link JobHandler} that runs it, its
 * payload is all that handler needs (so that any instance can run it), and its key makes enqueuing it twice a no-op.
 */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "job_seq")
    @SequenceGenerator(name = "job_seq", sequenceName = "job_seq", allocationSize = 50)
    public Long id;

    public String kind;

    @Column(name = "job_key")
    public String key;

    @Column(columnDefinition = "text")
    public String payload;

    @Enumerated(EnumType.STRING)
    public JobStatus status;

    /** Runs started so far, the one under way included. */
    public int attempts;

    @Column(name = "run_after")
    public OffsetDateTime runAfter;

    /** The instance holding the lease; once done, the instance that ran the job. */
    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    /** The last run's failure, as a client may read it: a message, never a stack trace. */
    public String error;

    @Column(name = "batch_id")
    public Long batchId;

    @Column(name = "batch_index")
    public Integer batchIndex;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
