package io.crosscheck.security;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may make a request to {@code /api}: plain rules over what the request shows, so that each can be tested without a
 * server. Article writes need an editor; everything else (reading, searching, chatting, one's own conversations) needs
 * a reader only when {@code read-requires-auth} is set. When no credential is configured at all nobody could prove a
 * role, so the machine itself (a loopback peer) stands in for the editor.
 */
public final class AccessRules {

    /** Why a request is refused: an RFC 9457 problem's status, title and detail. */
    public record Refusal(int status, String title, String detail) {
        public boolean challenge() {
            return status == 401;
        }
    }

    /** The caller as authenticated: anonymous, or holding these roles. */
    public record Caller(boolean anonymous, Set<String> roles) {
        boolean has(String role) {
            return roles.contains(role) || Roles.READER.equals(role) && roles.contains(Roles.EDITOR);
        }
    }

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String ARTICLES = "/api/articles";
    private static final String ADMIN = "/api/admin/";

    private final boolean credentialsConfigured;
    private final boolean readRequiresAuth;

    public AccessRules(boolean credentialsConfigured, boolean readRequiresAuth) {
        this.credentialsConfigured = credentialsConfigured;
        this.readRequiresAuth = readRequiresAuth;
    }

    public static boolean unsafe(String method) {
        return !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
    }

    /** Operations on the service's state (re-indexing); editor-level whatever the method. */
    public static boolean isAdmin(String path) {
        return path.startsWith(ADMIN);
    }

    /** Ingesting, replacing and deleting articles; everything else under /api but admin is reader-level. */
    public static boolean isArticleWrite(String method, String path) {
        return unsafe(method) && (path.equals(ARTICLES) || path.startsWith(ARTICLES + "/"));
    }

    /**
     * Refuses a browser's unsafe request sent by a page of another origin (CSRF): a form or a no-cors fetch reaches
     * the service with the victim's network position (loopback) and credentials. Browsers send {@code Sec-Fetch-Site}
     * and {@code Origin} on such requests; clients that send neither (curl, SDKs) are not browsers and pass.
     */
    public static Optional<Refusal> crossOrigin(String method, String origin, String host, String fetchSite) {
        if (!unsafe(method)) {
            return Optional.empty();
        }
        if (fetchSite != null && (fetchSite.equalsIgnoreCase("cross-site") || fetchSite.equalsIgnoreCase("same-site"))) {
            return Optional.of(crossOriginRefusal("the request came from a page of another site (Sec-Fetch-Site: "
                    + fetchSite.toLowerCase(Locale.ROOT) + ")"));
        }
        if (origin != null && !sameAuthority(origin, host)) {
            return Optional.of(crossOriginRefusal("the request came from a page of another origin"));
        }
        return Optional.empty();
    }

    /** The refusal of a request by this caller from this peer, or nothing when it may go ahead. */
    public Optional<Refusal> check(String method, String path, Caller caller, boolean loopbackPeer) {
        boolean write = isArticleWrite(method, path) || isAdmin(path);
        if (!write && !readRequiresAuth) {
            return Optional.empty();
        }
        String role = write ? Roles.EDITOR : Roles.READER;
        if (!credentialsConfigured) {
            return loopbackPeer ? Optional.empty()
                    : Optional.of(new Refusal(403, "Forbidden", "no API key or JWT verification is configured, so "
                            + (write ? "articles may be changed" : "the API may be used") + " only from the machine the "
                            + "service runs on; see docs/security.md"));
        }
        if (caller.has(role)) {
            return Optional.empty();
        }
        return caller.anonymous()
                ? Optional.of(new Refusal(401, "Unauthorized", "send Authorization: Bearer with an API key or a token of a "
                        + role + (write ? "" : " or editor")))
                : Optional.of(new Refusal(403, "Forbidden", "this needs the " + role + " role"));
    }

    private static boolean sameAuthority(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Refusal crossOriginRefusal(String why) {
        return new Refusal(403, "Cross-origin request refused", why + "; changes are accepted only from this service's own page or from clients that are not browsers");
    }
}
