package io.crosscheck.retrieval;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.crosscheck.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Repairs the search index from the database on demand; editors only (AccessRules). */
@Path("/api/admin/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Hybrid (BM25 + dense) search over article chunks")
@Blocking
public class SearchAdminResource {

    private final SearchService search;

    public SearchAdminResource(SearchService search) {
        this.search = search;
    }

    @POST
    @Path("/reconcile")
    @Operation(summary = "Re-indexes articles whose indexed version differs from the database's and removes articles the "
            + "database no longer holds; returns what it did")
    public SearchService.Reconciled reconcile() {
        try {
            return search.reconcile();
        } catch (SearchEngineException e) {
            throw new ProblemException(503, "Search unavailable", "the search index does not answer: " + e.getMessage(), 5);
        }
    }
}
