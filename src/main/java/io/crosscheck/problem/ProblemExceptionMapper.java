package io.crosscheck.problem;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

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
        return e.response(uri.getPath());
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

    /**
     * Valid JSON of the wrong shape (an array for an object, an object for a string). Mapped here by its own type:
     * quarkus-rest-jackson's built-in mapper for it answers 400 with no body, and a mapper for a more specific type
     * wins over the one for {@link JsonProcessingException}.
     */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        String where = e.getPath().isEmpty() ? "the request body" : path(e.getPath());
        return respond(Problem.of(400, "Wrong JSON shape", where + " must be " + expected(e.getTargetType()), uri.getPath()));
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
        String detail = status == 415 ? "this endpoint does not accept that Content-Type; see the OpenAPI document (docs/api.md) for what it takes"
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

    /** Where in the body the mismatch is, as a client would write it: {@code figures[2].value}. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The JSON a Java type is read from, in the API's terms rather than the class's name. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "of the type /q/openapi documents";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a JSON object";
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
