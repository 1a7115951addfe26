package io.crosscheck.security;

import java.util.Set;

/** The two roles a caller may hold; an editor may do everything a reader may. */
public final class Roles {

    /** Asks, searches, reads articles and keeps its own conversations. */
    public static final String READER = "reader";
    /** Also ingests, replaces and deletes articles. */
    public static final String EDITOR = "editor";

    static final Set<String> ALL = Set.of(READER, EDITOR);

    private Roles() {
    }
}
