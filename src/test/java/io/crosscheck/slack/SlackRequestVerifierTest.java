package io.crosscheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.slack.api.app_backend.SlackSignature;

import io.crosscheck.slack.SlackRequestVerifier.Outcome;

class SlackRequestVerifierTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long NOW = 1_531_420_618L;
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private final SlackRequestVerifier verifier = new SlackRequestVerifier(SECRET, Duration.ofMinutes(5),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void acceptsSlacksDocumentedExample() {
        assertEquals(Outcome.VALID, verifier.verify(Long.toString(NOW),
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", bytes(BODY)));
    }

    @Test
    void agreesWithTheSdksGenerator() {
        String signature = new SlackSignature.Generator(SECRET).generate(Long.toString(NOW), BODY);
        assertEquals(signature, verifier.sign(Long.toString(NOW), bytes(BODY)));
        assertEquals(Outcome.VALID, verifier.verify(Long.toString(NOW), signature, bytes(BODY)));
    }

    @Test
    void refusesTamperingStaleFutureAndMissingValues() {
        String ts = Long.toString(NOW);
        String signature = verifier.sign(ts, bytes(BODY));
        assertEquals(Outcome.BAD_SIGNATURE, verifier.verify(ts, signature, bytes(BODY + "x")));
        assertEquals(Outcome.BAD_SIGNATURE, verifier.verify(ts, signature.substring(0, signature.length() - 1), bytes(BODY)));
        assertEquals(Outcome.BAD_SIGNATURE, verifier.verify(ts, "v1=" + signature.substring(3), bytes(BODY)));
        assertEquals(Outcome.STALE, verifier.verify(Long.toString(NOW - 301), verifier.sign(Long.toString(NOW - 301),
                bytes(BODY)), bytes(BODY)));
        assertEquals(Outcome.FUTURE, verifier.verify(Long.toString(NOW + 301), verifier.sign(Long.toString(NOW + 301),
                bytes(BODY)), bytes(BODY)));
        assertEquals(Outcome.VALID, verifier.verify(Long.toString(NOW - 300), verifier.sign(Long.toString(NOW - 300),
                bytes(BODY)), bytes(BODY)));
        assertEquals(Outcome.MISSING_HEADERS, verifier.verify(null, signature, bytes(BODY)));
        assertEquals(Outcome.MISSING_HEADERS, verifier.verify(ts, null, bytes(BODY)));
        assertEquals(Outcome.MISSING_HEADERS, verifier.verify(" ", "", bytes(BODY)));
        assertEquals(Outcome.MALFORMED_TIMESTAMP, verifier.verify("yesterday", signature, bytes(BODY)));
    }

    @Test
    void signsTheRawBytesNotADecodedString() {
        byte[] latin1 = "text=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = "text=caf\u00e9".getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(NOW);
        assertEquals(Outcome.BAD_SIGNATURE, verifier.verify(ts, verifier.sign(ts, utf8), latin1));
        assertEquals(Outcome.VALID, verifier.verify(ts, verifier.sign(ts, latin1), latin1));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
