package io.crosscheck.conversation;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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

    public ConversationResource(ConversationService conversations) {
        this.conversations = conversations;
    }

    public record ConversationView(String id, List<ConversationService.Turn> turns) {
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A conversation's questions and answers, oldest first")
    public ConversationView get(@RestPath String id) {
        return conversations.find(id).map(turns -> new ConversationView(id, turns)).orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Forget a conversation")
    public Response delete(@RestPath String id) {
        if (!conversations.delete(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no conversation with id '" + id + "'");
    }
}
