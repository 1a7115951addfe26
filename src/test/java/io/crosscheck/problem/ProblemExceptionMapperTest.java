package io.crosscheck.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

class ProblemExceptionMapperTest {

    private final List<DatabaseFaultSeen> seen = new ArrayList<>();
    @SuppressWarnings("unchecked")
    private final ProblemExceptionMapper mapper = new ProblemExceptionMapper((Event<DatabaseFaultSeen>) Proxy.newProxyInstance(
            Event.class.getClassLoader(), new Class<?>[] { Event.class }, (proxy, method, args) -> {
                if (method.getName().equals("fire")) {
                    seen.add((DatabaseFaultSeen) args[0]);
                }
                return null;
            }));

    private static UriInfo uri(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] { UriInfo.class },
                (proxy, method, args) -> method.getName().equals("getPath") ? path : null);
    }

    @Test
    void aLostDatabaseConnectionIs503WithRetryAfterAndIsReported() {
        Response response = mapper.unexpected(new JDBCConnectionException("connection refused",
                new SQLException("refused", "08001")), uri("/api/chat"));
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals(List.of(DatabaseFault.UNREACHABLE), seen.stream().map(DatabaseFaultSeen::fault).toList());
    }

    @Test
    void aReadOnlyDatabaseIs503NamingTheReason() {
        Response response = mapper.unexpected(new PersistenceException("could not execute",
                new SQLException("The database is read only", "90097", 90097)), uri("/api/articles"));
        assertEquals(503, response.getStatus());
        assertTrue(((Problem) response.getEntity()).detail().contains("read-only"));
    }

    @Test
    void aDeadlockIs409ToSendAgain() {
        Response response = mapper.unexpected(new PersistenceException("could not execute",
                new SQLException("deadlock detected", "40P01")), uri("/api/articles"));
        assertEquals(409, response.getStatus());
        assertEquals("1", response.getHeaderString("Retry-After"));
    }

    @Test
    void aConnectionFailureWrappedByTheStackIsStill503() {
        Exception wrapped = new PersistenceException("could not prepare", new SQLException("Connection is closed", "08003"));
        assertEquals(503, mapper.unexpected(wrapped, uri("/api/articles")).getStatus());
    }

    @Test
    void anythingElseIs500WithoutDetailsOfTheFailure() {
        Response response = mapper.unexpected(new IllegalStateException("secret internals"), uri("/api/chat"));
        assertEquals(500, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertFalse(problem.detail().contains("secret"));
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithTheJsonItMustBe() {
        MismatchedInputException e = MismatchedInputException.from(null, String.class, "Cannot deserialize java.lang.String");
        e.prependPath(new JsonMappingException.Reference(null, "question"));
        Response response = mapper.wrongShape(e, uri("/api/chat"));
        assertEquals(400, response.getStatus());
        assertEquals("question must be a string", ((Problem) response.getEntity()).detail());
    }

    @Test
    void aBodyOfTheWrongShapeNamesNoJavaClass() {
        MismatchedInputException e = MismatchedInputException.from(null, ProblemExceptionMapperTest.class, "from Array value");
        Problem problem = (Problem) mapper.wrongShape(e, uri("/api/articles")).getEntity();
        assertEquals("the request body must be a JSON object", problem.detail());
        assertFalse(problem.detail().contains("ProblemExceptionMapperTest"));
    }
}
