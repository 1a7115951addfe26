package io.crosscheck.security;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.crosscheck.text.Hashes;

/**
 * The configured API keys, kept only as SHA-256 hashes so that a heap dump or a log line never shows one; a presented
 * key is hashed and compared with every entry in constant time, so that timing tells nothing about near misses.
 */
public final class ApiKeys {

    /** A recognised key: the role it grants and a stable name derived from its hash (never the key itself). */
    public record Match(String name, String role) {
    }

    private record Entry(byte[] hash, String role) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = entries;
    }

    /** Reads {@code KEY:ROLE} pairs; a pair without a known role is a configuration mistake and stops the start. */
    public static ApiKeys parse(List<String> pairs) {
        return new ApiKeys(pairs.stream().map(String::strip).filter(p -> !p.isEmpty()).map(ApiKeys::entry).toList());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    public Optional<Match> match(String presented) {
        byte[] hash = Hashes.sha256(presented);
        Entry found = null;
        for (Entry entry : entries) {
            // no early exit: every entry is compared whatever matched
            if (MessageDigest.isEqual(entry.hash(), hash) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found).map(e -> new Match(nameOf(e.hash()), e.role()));
    }

    private static Entry entry(String pair) {
        int colon = pair.lastIndexOf(':');
        String key = colon < 0 ? "" : pair.substring(0, colon).strip();
        String role = colon < 0 ? "" : pair.substring(colon + 1).strip();
        if (key.isEmpty() || !Roles.ALL.contains(role)) {
            // the message never repeats the entry: it holds a key
            throw new IllegalArgumentException("crosscheck.security.api-keys: every entry must be KEY:reader or KEY:editor");
        }
        return new Entry(Hashes.sha256(key), role);
    }

    /** Owner names of conversations: a hash prefix identifies the key without revealing it. */
    private static String nameOf(byte[] hash) {
        return "api-key:" + HexFormat.of().formatHex(hash, 0, 8);
    }
}
