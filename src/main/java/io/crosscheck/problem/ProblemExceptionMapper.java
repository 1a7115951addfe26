package io.crosscheck.problem;

import java.util.List;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.logging.Log;
import jakarta.enterprise.event.Event;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Maps every failure to a problem body; clients never see a stack trace. */
public class ProblemExceptionMapper {

    private final Event<DatabaseFaultSeen> databaseFaults;

    public ProblemExceptionMapper(Event<DatabaseFaultSeen> databaseFaults) {
        this.databaseFaults = databaseFaults;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(Problem.of(e.status(), e.title(), e.getMessage(), uri.getPath()));
        return e.retryAfterSeconds() == null ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<String> violations = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage()).sorted().toList();
        return respond(new Problem("about:blank", "Invalid request", 400, String.join("; ", violations), uri.getPath(),
                violations));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(400, "Malformed JSON", e.getOriginalMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        JsonProcessingException json = Causes.find(e, JsonProcessingException.class);
        if (status == 400 && json != null) {
            return unreadable(json, uri);
        }
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "Error";
        String detail = status == 415 ? "this endpoint does not accept that Content-Type; see /q/openapi for what it takes"
                : e.getMessage();
        return respond(Problem.of(status, title, detail, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Optional<DatabaseFault> fault = DatabaseFault.of(e);
        if (fault.isPresent()) {
            Log.warnf("Database fault (%s) on %s: %s", fault.get().reason(), uri.getPath(), e.getMessage());
            databaseFaults.fire(new DatabaseFaultSeen(fault.get(), e));
            return problem(ProblemException.unavailable(fault.get()), uri);
        }
        if (Causes.isWriteConflict(e)) {
            Log.infof("Concurrent write refused on %s: %s", uri.getPath(), e.getMessage());
            return problem(new ProblemException(409, "Concurrent write",
                    "another request changed the same data at the same moment; send the request again", 1), uri);
        }
        Log.error("Unexpected failure on " + uri.getPath(), e);
        return respond(Problem.of(500, "Internal error", "the request failed unexpectedly; it has been logged", uri.getPath()));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
