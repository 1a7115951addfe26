package io.crosscheck.answer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers cited quotes [1], [2] … in order of first use; citing the same quote twice gives the same number. */
public final class Citations {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");

    private final Map<String, ChatResponse.Citation> byKey = new LinkedHashMap<>();

    /** An answer, the citations it uses and its conflicts, numbered alike. */
    public record Numbered(String answer, List<ChatResponse.Citation> citations, List<ChatResponse.ConflictView> conflicts) {
    }

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

    /**
     * Keeps the citations the answer text or the conflicts refer to and numbers them 1, 2 … in the order a reader meets
     * them: the answer text first, then the conflicts' figures and sources. Quotes are numbered as they are gathered
     * (figures before passages, and every passage in LLM mode), so without this an answer could start at [8]. A marker
     * naming no citation is left as it is.
     */
    public Numbered renumber(String answer, List<ChatResponse.ConflictView> conflicts) {
        Map<Integer, Integer> renumbered = new LinkedHashMap<>();
        Matcher markers = MARKER.matcher(answer);
        while (markers.find()) {
            use(Integer.parseInt(markers.group(1)), renumbered);
        }
        conflicts.forEach(c -> c.figures().forEach(f -> {
            use(f.n(), renumbered);
            f.sources().forEach(s -> use(s.n(), renumbered));
        }));
        String text = MARKER.matcher(answer).replaceAll(m -> {
            Integer n = renumbered.get(Integer.parseInt(m.group(1)));
            return n == null ? Matcher.quoteReplacement(m.group()) : "[" + n + "]";
        });
        List<ChatResponse.Citation> citations = renumbered.entrySet().stream().map(e -> {
            ChatResponse.Citation c = get(e.getKey());
            return new ChatResponse.Citation(e.getValue(), c.articleId(), c.title(), c.outlet(), c.url(), c.publishedAt(),
                    c.quote());
        }).toList();
        List<ChatResponse.ConflictView> views = conflicts.stream().map(c -> new ChatResponse.ConflictView(c.measureId(),
                c.measure(), c.status(), c.summary(), c.storyId(), c.story(), c.figures().stream().map(f -> {
                    List<ChatResponse.Source> sources = f.sources().stream()
                            .map(s -> new ChatResponse.Source(s.articleId(), s.outlet(), renumbered.get(s.n()))).toList();
                    return new ChatResponse.FigureView(f.value(), f.low(), f.high(), f.unit(), f.attribution(), f.articleId(),
                            f.quote(), renumbered.get(f.n()), f.derived(), f.asOf(), sources);
                }).toList())).toList();
        return new Numbered(text, citations, views);
    }

    private void use(Integer n, Map<Integer, Integer> renumbered) {
        if (n != null && get(n) != null && !renumbered.containsKey(n)) {
            renumbered.put(n, renumbered.size() + 1);
        }
    }
}
