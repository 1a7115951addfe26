package io.crosscheck.conversation;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.crosscheck.security.CallerService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations", description = "Chat history used for follow-up questions")
@Blocking
public class ConversationResource {

    private final ConversationService conversations;
    private final CallerService caller;

    public ConversationResource(ConversationService conversations, CallerService caller) {
        this.conversations = conversations;
        this.caller = caller;
    }

    public record ConversationView(String id, List<ConversationService.Turn> turns) {
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A conversation's questions and answers, oldest first", description = "404 unless the caller "
            + "started it (or it was started anonymously and the caller holds its id)")
    public ConversationView get(@RestPath String id) {
        return new ConversationView(id, conversations.history(id, caller.owner()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Forget a conversation")
    public Response delete(@RestPath String id) {
        if (!conversations.delete(id, caller.owner())) {
            throw ConversationService.notFound(id);
        }
        return Response.noContent().build();
    }
}
