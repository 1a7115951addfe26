package io.crosscheck.jobs;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A bulk request: its items are the jobs that name it, written in the same transaction. */
@Entity
@Table(name = "job_batch")
public class JobBatch extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "job_batch_seq")
    @SequenceGenerator(name = "job_batch_seq", sequenceName = "job_batch_seq", allocationSize = 50)
    public Long id;

    public String kind;

    public int total;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
