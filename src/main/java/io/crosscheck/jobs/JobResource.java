package io.crosscheck.jobs;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs", description = "Progress of accepted bulk requests")
@Blocking
public class JobResource {

    private final JobService jobs;

    public JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A bulk request's status: items queued, running, done and failed, and each failed item's error")
    public BatchView get(@RestPath long id) {
        return jobs.batch(id).map(BatchView::of).orElseThrow(() -> new NotFoundException("no job with id " + id));
    }
}
