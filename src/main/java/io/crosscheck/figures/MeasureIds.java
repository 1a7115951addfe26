package io.crosscheck.figures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives a story's freshly grouped measures the ids of the measures they continue. A measure keeps its id when more
 * than half of its stated figures are in one new measure; figures are recognised by article, offsets and span, which
 * survive re-extraction, not by row id. Other measures get a new id that no earlier analysis can have used: the
 * grouping slug, the story and the story revision.
 */
public final class MeasureIds {

    private MeasureIds() {
    }

    /** The key that recognises a stated figure across analyses. */
    static String key(ReportedFigure f) {
        return f.articleId() + "|" + f.start() + "|" + f.end() + "|" + f.span();
    }

    /**
     * @param fresh    new verdicts whose ids are grouping slugs
     * @param previous the story's current measures: id to the keys of its stated (not derived) figures
     */
    public static List<MeasureVerdict> assign(List<MeasureVerdict> fresh, Map<String, Set<String>> previous, long storyId,
            long revision) {
        Map<String, String> previousOf = new HashMap<>();
        previous.forEach((id, keys) -> keys.forEach(k -> previousOf.put(k, id)));
        Set<String> taken = new HashSet<>();
        List<MeasureVerdict> named = new ArrayList<>();
        for (MeasureVerdict verdict : fresh) {
            Map<String, Integer> kept = new LinkedHashMap<>();
            verdict.figures().stream().filter(f -> !f.derived()).map(MeasureIds::key).map(previousOf::get)
                    .filter(id -> id != null).forEach(id -> kept.merge(id, 1, Integer::sum));
            String id = kept.entrySet().stream()
                    .filter(e -> e.getValue() * 2 > previous.get(e.getKey()).size() && !taken.contains(e.getKey()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (id == null) {
                String base = verdict.measureId() + "-" + storyId + "." + revision;
                id = base;
                for (int n = 2; taken.contains(id) || previous.containsKey(id); n++) {
                    id = base + "-" + n;
                }
            }
            taken.add(id);
            named.add(verdict.withId(id));
        }
        return named;
    }

    static Set<String> keysOf(MeasureVerdict verdict) {
        Set<String> keys = new HashSet<>();
        verdict.figures().stream().filter(f -> !f.derived()).forEach(f -> keys.add(key(f)));
        return keys;
    }
}
