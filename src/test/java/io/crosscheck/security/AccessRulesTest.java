package io.crosscheck.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.SocketAddress;

class AccessRulesTest {

    static final AccessRules.Caller ANONYMOUS = new AccessRules.Caller(true, Set.of());
    static final AccessRules.Caller READER = new AccessRules.Caller(false, Set.of(Roles.READER));
    static final AccessRules.Caller EDITOR = new AccessRules.Caller(false, Set.of(Roles.EDITOR));
    static final AccessRules.Caller OTHER_ROLE = new AccessRules.Caller(false, Set.of("viewer"));

    final AccessRules noCredentials = new AccessRules(false, false);
    final AccessRules keys = new AccessRules(true, false);
    final AccessRules closedReads = new AccessRules(true, true);

    @Test
    void withoutCredentialsOnlyALoopbackPeerMayWriteArticles() {
        assertEquals(Optional.empty(), noCredentials.check("POST", "/api/articles", ANONYMOUS, true));
        assertEquals(Optional.empty(), noCredentials.check("DELETE", "/api/articles/a1", ANONYMOUS, true));
        assertEquals(403, status(noCredentials.check("POST", "/api/articles", ANONYMOUS, false)));
        assertEquals(403, status(noCredentials.check("DELETE", "/api/articles/a1", ANONYMOUS, false)));
    }

    @Test
    void withoutCredentialsReadsAndChatsAreOpenFromAnywhere() {
        assertEquals(Optional.empty(), noCredentials.check("GET", "/api/articles", ANONYMOUS, false));
        assertEquals(Optional.empty(), noCredentials.check("POST", "/api/chat", ANONYMOUS, false));
        assertEquals(Optional.empty(), noCredentials.check("DELETE", "/api/conversations/c1", ANONYMOUS, false));
    }

    @Test
    void withKeysALoopbackPeerIsNoLongerTrusted() {
        assertEquals(401, status(keys.check("POST", "/api/articles", ANONYMOUS, true)));
        assertTrue(keys.check("POST", "/api/articles", ANONYMOUS, true).orElseThrow().challenge());
    }

    @Test
    void articleWritesNeedAnEditor() {
        assertEquals(403, status(keys.check("POST", "/api/articles", READER, false)));
        assertEquals(403, status(keys.check("DELETE", "/api/articles/a1", OTHER_ROLE, false)));
        assertEquals(Optional.empty(), keys.check("POST", "/api/articles", EDITOR, false));
        assertEquals(Optional.empty(), keys.check("DELETE", "/api/articles/a1", EDITOR, false));
    }

    @Test
    void adminOperationsNeedAnEditorEvenWhenReadsAreOpen() {
        assertEquals(401, status(keys.check("POST", "/api/admin/search/reconcile", ANONYMOUS, false)));
        assertEquals(403, status(keys.check("POST", "/api/admin/search/reconcile", READER, false)));
        assertEquals(Optional.empty(), keys.check("POST", "/api/admin/search/reconcile", EDITOR, false));
    }

    @Test
    void readsNeedAReaderOrEditorOnlyWhenConfigured() {
        assertEquals(Optional.empty(), keys.check("GET", "/api/search", ANONYMOUS, false));
        assertEquals(401, status(closedReads.check("GET", "/api/search", ANONYMOUS, false)));
        assertEquals(401, status(closedReads.check("POST", "/api/chat", ANONYMOUS, true)));
        assertEquals(403, status(closedReads.check("GET", "/api/search", OTHER_ROLE, false)));
        assertEquals(Optional.empty(), closedReads.check("GET", "/api/search", READER, false));
        assertEquals(Optional.empty(), closedReads.check("POST", "/api/chat", EDITOR, false));
    }

    @Test
    void chatAndConversationsAreReaderLevelNotWrites() {
        assertFalse(AccessRules.isArticleWrite("POST", "/api/chat"));
        assertFalse(AccessRules.isArticleWrite("DELETE", "/api/conversations/c1"));
        assertFalse(AccessRules.isArticleWrite("GET", "/api/articles/a1"));
        assertTrue(AccessRules.isArticleWrite("POST", "/api/articles"));
        assertFalse(AccessRules.isArticleWrite("POST", "/api/articlesx"));
    }

    @Test
    void aBulkRequestIsAnArticleWriteAndItsStatusIsAReadOnly() {
        AccessRules keys = new AccessRules(true, false);
        assertTrue(AccessRules.isArticleWrite("POST", "/api/articles/bulk"));
        assertEquals(403, status(keys.check("POST", "/api/articles/bulk", READER, false)));
        assertEquals(Optional.empty(), keys.check("POST", "/api/articles/bulk", EDITOR, false));
        assertFalse(AccessRules.isArticleWrite("GET", "/api/jobs/7"));
        assertEquals(Optional.empty(), keys.check("GET", "/api/jobs/7", new AccessRules.Caller(true, Set.of()), false));
    }

    @Test
    void aBrowserPageOfAnotherSiteMayNotSendUnsafeRequests() {
        assertEquals(403, status(AccessRules.crossOrigin("POST", "http://127.0.0.1:9000", "localhost:8080", "cross-site")));
        assertEquals(403, status(AccessRules.crossOrigin("POST", null, "localhost:8080", "same-site")));
        assertEquals(403, status(AccessRules.crossOrigin("DELETE", "http://localhost:9000", "localhost:8080", null)));
        assertEquals(403, status(AccessRules.crossOrigin("POST", "null", "localhost:8080", null)));
    }

    @Test
    void theServicesOwnPageAndNonBrowserClientsMaySendUnsafeRequests() {
        assertEquals(Optional.empty(), AccessRules.crossOrigin("POST", "http://localhost:8080", "localhost:8080", "same-origin"));
        assertEquals(Optional.empty(), AccessRules.crossOrigin("POST", "https://news.example", "news.example", "same-origin"));
        assertEquals(Optional.empty(), AccessRules.crossOrigin("POST", null, "localhost:8080", null));
        assertEquals(Optional.empty(), AccessRules.crossOrigin("POST", null, "localhost:8080", "none"));
        assertEquals(Optional.empty(), AccessRules.crossOrigin("GET", "http://evil.example", "localhost:8080", "cross-site"));
    }

    @Test
    void loopbackIsJudgedByThePeerAddress() {
        assertTrue(AccessFilter.isLoopback(SocketAddress.inetSocketAddress(40000, "127.0.0.1")));
        assertTrue(AccessFilter.isLoopback(SocketAddress.inetSocketAddress(40000, "::1")));
        assertTrue(AccessFilter.isLoopback(SocketAddress.inetSocketAddress(40000, "::ffff:127.0.0.1")));
        assertFalse(AccessFilter.isLoopback(SocketAddress.inetSocketAddress(40000, "192.0.2.2")));
        assertFalse(AccessFilter.isLoopback(SocketAddress.inetSocketAddress(40000, "10.0.0.1")));
        assertFalse(AccessFilter.isLoopback(SocketAddress.domainSocketAddress("/tmp/socket")));
    }

    private static int status(Optional<AccessRules.Refusal> refusal) {
        return refusal.orElseThrow(() -> new AssertionError("expected a refusal")).status();
    }
}
