package io.crosscheck.slack;

import java.time.Clock;

import io.crosscheck.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** Lets a request through only when Slack is configured (else 404) and the request is signed by Slack (else 401). */
@ApplicationScoped
public class SlackSignatureService {

    private final SlackRequestVerifier verifier;

    public SlackSignatureService(SlackBotConfig config) {
        this.verifier = config.configured()
                ? new SlackRequestVerifier(config.signingSecret().orElseThrow(), config.maxClockSkew(), Clock.systemUTC())
                : null;
    }

    public void verify(String timestamp, String signature, byte[] rawBody) {
        if (verifier == null) {
            throw new ProblemException(404, "Not found",
                    "the Slack bot is not configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (see docs/slack.md)");
        }
        SlackRequestVerifier.Outcome outcome = verifier.verify(timestamp, signature, rawBody);
        if (outcome != SlackRequestVerifier.Outcome.VALID) {
            Log.debugf("Slack request refused: %s", outcome);
            throw new ProblemException(401, "Unauthorized", outcome.detail());
        }
    }
}
