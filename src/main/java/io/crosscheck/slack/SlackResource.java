package io.crosscheck.slack;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Slack's callbacks. Each body is read as raw bytes and its signature checked before anything is parsed; every
 * callback is acknowledged at once and answered in the background.
 */
@Path("/slack")
@Tag(name = "Slack")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class SlackResource {

    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    static final String SIGNATURE = "X-Slack-Signature";
    static final String RETRY_NUM = "X-Slack-Retry-Num";

    private final SlackSignatureService signatures;
    private final SlackEventService events;
    private final SlackCommandService commands;
    private final SlackInteractionService interactions;

    public SlackResource(SlackSignatureService signatures, SlackEventService events, SlackCommandService commands,
            SlackInteractionService interactions) {
        this.signatures = signatures;
        this.events = events;
        this.commands = commands;
        this.interactions = interactions;
    }

    @POST
    @Path("/events")
    @Operation(summary = "Events API: url_verification, app_mention and message.im")
    public Response events(byte[] body, @HeaderParam(TIMESTAMP) String timestamp, @HeaderParam(SIGNATURE) String signature,
            @HeaderParam(RETRY_NUM) String retryNum) {
        signatures.verify(timestamp, signature, body);
        return events.handle(body, retryNum).map(challenge -> Response.ok(challenge)).orElseGet(Response::ok).build();
    }

    @POST
    @Path("/commands")
    @Operation(summary = "Slash command /crosscheck <question>")
    public Response commands(byte[] body, @HeaderParam(TIMESTAMP) String timestamp, @HeaderParam(SIGNATURE) String signature) {
        signatures.verify(timestamp, signature, body);
        return commands.handle(body, timestamp).map(ack -> Response.ok(ack)).orElseGet(Response::ok).build();
    }

    @POST
    @Path("/interactivity")
    @Operation(summary = "Buttons: Show sources, 👍 and 👎")
    public Response interactivity(byte[] body, @HeaderParam(TIMESTAMP) String timestamp,
            @HeaderParam(SIGNATURE) String signature) {
        signatures.verify(timestamp, signature, body);
        interactions.handle(body);
        return Response.ok().build();
    }
}
