package io.crosscheck.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's v0 request signature: HMAC-SHA256 of {@code v0:{timestamp}:{raw body}} keyed with the signing
 * secret, compared in constant time, with the timestamp within the allowed skew in both directions. The SDK's
 * {@code SlackSignature.Verifier} compares with {@code String.equals} and accepts any future timestamp, hence this.
 */
public final class SlackRequestVerifier {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "v0";

    /** Why a request was refused; {@link #VALID} when it was not. */
    public enum Outcome {
        VALID(null),
        MISSING_HEADERS("the X-Slack-Request-Timestamp and X-Slack-Signature headers are required"),
        MALFORMED_TIMESTAMP("X-Slack-Request-Timestamp is not a Unix time in seconds"),
        STALE("the request timestamp is too old"),
        FUTURE("the request timestamp is in the future"),
        BAD_SIGNATURE("the signature does not match the request");

        private final String detail;

        Outcome(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    private final SecretKeySpec key;
    private final Clock clock;
    private final long maxSkewSeconds;

    public SlackRequestVerifier(String signingSecret, Duration maxSkew, Clock clock) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("a signing secret is required");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.maxSkewSeconds = maxSkew.toSeconds();
        this.clock = clock;
    }

    public Outcome verify(String timestamp, String signature, byte[] rawBody) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return Outcome.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Outcome.MALFORMED_TIMESTAMP;
        }
        long now = clock.instant().getEpochSecond();
        if (now - seconds > maxSkewSeconds) {
            return Outcome.STALE;
        }
        if (seconds - now > maxSkewSeconds) {
            return Outcome.FUTURE;
        }
        byte[] expected = sign(timestamp.trim(), rawBody).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Outcome.VALID : Outcome.BAD_SIGNATURE;
    }

    /** The {@code v0=…} signature Slack would send for this timestamp and body. */
    public String sign(String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
