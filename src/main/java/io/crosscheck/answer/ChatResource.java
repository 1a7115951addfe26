package io.crosscheck.answer;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crosscheck.problem.Problem;
import io.crosscheck.problem.ProblemException;
import io.crosscheck.problem.DatabaseFault;
import io.crosscheck.security.CallerService;
import io.crosscheck.ratelimit.RateLimitClass;
import io.crosscheck.ratelimit.RateLimited;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.OutboundSseEvent;

@Path("/api/chat")
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Chat", description = "Questions answered from the corpus, with citations and conflicting figures")
@Blocking
@RateLimited(RateLimitClass.CHAT)
public class ChatResource {

    private static final String STREAM = "/api/chat/stream";

    private final AnswerService answers;
    private final CallerService caller;
    private final ObjectMapper json;

    public ChatResource(AnswerService answers, CallerService caller, ObjectMapper json) {
        this.answers = answers;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a question", description = "The answer cites passages as [n]; conflicts lists every measure "
            + "bearing on the question with all articles' figures and a verdict decided by the service.")
    public ChatResponse chat(@Valid @NotNull(message = "send {\"question\": \"...\"}") ChatRequest request) {
        return answers.ask(request.question().strip(), request.conversationId(), caller.owner());
    }

    @POST
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Answer a question as Server-Sent Events", description = "'delta' events carry partial text "
            + "(LLM mode only); a final 'answer' event carries the full JSON response; 'error' carries a problem body.")
    public Multi<OutboundSseEvent> stream(@Valid @NotNull(message = "send {\"question\": \"...\"}") ChatRequest request,
            @Context Sse sse) {
        // read here, in the request, and checked before the stream starts so that a refusal is a plain 404
        String owner = caller.owner();
        answers.checkConversation(request.conversationId(), owner);
        return Multi.createFrom().<OutboundSseEvent> emitter(emitter -> {
            try {
                ChatResponse response = answers.askStreaming(request.question().strip(), request.conversationId(), owner,
                        delta -> emitter.emit(sse.newEventBuilder().name("delta").data(delta).build()));
                emitter.emit(sse.newEventBuilder().name("answer").data(write(response)).build());
            } catch (RuntimeException e) {
                Log.error("Streaming answer failed", e);
                Problem problem = e instanceof ProblemException p ? Problem.of(p.status(), p.title(), p.getMessage(), STREAM)
                        : DatabaseFault.of(e).map(fault -> Problem.of(503, "Service unavailable",
                                fault.detail() + "; try again shortly", STREAM))
                                .orElse(Problem.of(500, "Answer failed", "the answer could not be completed", STREAM));
                emitter.emit(sse.newEventBuilder().name("error").data(write(problem)).build());
            }
            emitter.complete();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
