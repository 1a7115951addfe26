package io.crosscheck.answer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Numbers cited quotes [1], [2] … in order of first use; citing the same quote twice gives the same number. */
public final class Citations {

    private final Map<String, ChatResponse.Citation> byKey = new LinkedHashMap<>();

    public int cite(String articleId, String title, String outlet, String url, LocalDate publishedAt, String quote) {
        String key = articleId + "\u0000" + quote;
        ChatResponse.Citation existing = byKey.get(key);
        if (existing != null) {
            return existing.n();
        }
        int n = byKey.size() + 1;
        byKey.put(key, new ChatResponse.Citation(n, articleId, title, outlet, url,
                publishedAt == null ? null : publishedAt.toString(), quote));
        return n;
    }

    public ChatResponse.Citation get(int n) {
        return n >= 1 && n <= byKey.size() ? new ArrayList<>(byKey.values()).get(n - 1) : null;
    }

    public List<ChatResponse.Citation> list() {
        return List.copyOf(byKey.values());
    }
}
