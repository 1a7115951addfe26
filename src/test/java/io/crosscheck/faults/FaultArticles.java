package io.crosscheck.faults;

import java.util.Map;
import java.util.UUID;

/** Articles for the fault tests: each one distinct, with a word of its own to search for, on no real topic. */
final class FaultArticles {

    private static final String[] TOWNS = { "Varnholm", "Quillmere", "Ostrava Nova", "Belcaster", "Tarrow", "Wexley",
            "Dunmarrow", "Selkirk Bay", "Halvard", "Pennick" };

    private FaultArticles() {
    }

    /** A run-unique prefix, so that tests sharing a database (CI's PostgreSQL pass) never meet each other's ids. */
    static String run() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String id(String run, int i) {
        return run + "-" + i;
    }

    /** A word found in article i of this run only. */
    static String marker(String run, int i) {
        return "zq" + run.substring(3) + "x" + i;
    }

    static Map<String, Object> article(String run, int i) {
        String town = TOWNS[i % TOWNS.length];
        return Map.of("id", id(run, i), "outlet", "Fault Gazette", "publishedAt", "2025-06-" + (10 + i % 18),
                "title", "Council in " + town + " approves budget " + i,
                "text", "The council of " + town + " approved a budget of " + (120 + i) + " million euros on Tuesday, "
                        + "its treasurer said. Opposition members put the real cost at " + (150 + 2 * i)
                        + " million euros. The plan funds " + (30 + i) + " new buses and a tram line to the harbour. "
                        + "Residents will vote on the tram in a referendum next spring. Reference " + marker(run, i) + ".");
    }
}
