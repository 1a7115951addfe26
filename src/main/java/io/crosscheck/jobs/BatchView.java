package io.crosscheck.jobs;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A bulk request as {@code GET /api/jobs/{id}} shows it. Its status is {@code queued} until an item starts,
 * {@code running} while any item is queued or running, then {@code done} when every item succeeded, else
 * {@code failed} (the counts and errors say which items).
 */
public record BatchView(long id, String kind, String status, int total, int queued, int running, int done, int failed,
        OffsetDateTime createdAt, List<JobService.ItemError> errors) {

    public static BatchView of(JobService.BatchReport report) {
        JobService.Counts counts = report.counts();
        return new BatchView(report.id(), report.kind(), status(counts), report.total(), counts.queued(), counts.running(),
                counts.done(), counts.failed(), report.createdAt(), report.errors());
    }

    static String status(JobService.Counts counts) {
        if (counts.queued() == counts.total()) {
            return JobStatus.QUEUED.label();
        }
        if (!counts.finished()) {
            return JobStatus.RUNNING.label();
        }
        return (counts.failed() > 0 ? JobStatus.FAILED : JobStatus.DONE).label();
    }
}
