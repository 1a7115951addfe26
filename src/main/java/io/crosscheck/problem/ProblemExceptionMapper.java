package io.crosscheck.problem;

import java.util.List;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Maps every failure to a problem body; clients never see a stack trace. */
public class ProblemExceptionMapper {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(Problem.of(e.status(), e.title(), e.getMessage(), uri.getPath()));
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
        String detail = status == 415 ? "this endpoint does not accept that Content-Type; see the OpenAPI document (docs/api.md) for what it takes"
                : e.getMessage();
        return respond(Problem.of(status, title, detail, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response databaseDown(JDBCConnectionException e, UriInfo uri) {
        return serviceUnavailable(e, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (Causes.isDatabaseDown(e)) {
            return serviceUnavailable(e, uri);
        }
        Log.error("Unexpected failure on " + uri.getPath(), e);
        return respond(Problem.of(500, "Internal error", "the request failed unexpectedly; it has been logged", uri.getPath()));
    }




    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static Response serviceUnavailable(Exception e, UriInfo uri) {
        Log.warnf("Database unavailable: %s", e.getMessage());
        return Response.fromResponse(respond(Problem.of(503, "Service unavailable",
                "the database is unavailable; try again shortly", uri.getPath()))).header("Retry-After", "5").build();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
