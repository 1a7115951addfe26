package io.crosscheck.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crosscheck.stories.SalientNames;
import io.crosscheck.text.WordPieceCounter;

/**
 * Makes a large corpus of many distinct stories out of our own 42 articles in 10 gold stories: each synthetic story
 * takes one base story's articles, replaces every salient name (place, person, organisation) with an invented name of
 * the same WordPiece length, so that chunk boundaries and therefore chunk texts map back to the base text exactly,
 * moves the story to its own dates over two years, and varies outlets and which paragraphs a copy keeps, so that
 * several copies of one base article in one story are different texts. Deterministic for a given seed.
 */
final class CorpusGenerator {

    /** A generated article and what it was made from. */
    record Generated(String id, int story, String title, String outlet, LocalDate publishedAt, String text, Base base,
            int variant, Names names) {
    }

    /** An article of our own corpus. */
    record Base(String id, String story, String title, String outlet, int dayOffset, String text) {
    }

    /** One story's substitution of names, both ways. */
    static final class Names {
        private final Map<String, String> forward = new HashMap<>();
        private final Map<String, String> inverse = new HashMap<>();

        String apply(String text) {
            return replace(text, forward);
        }

        String invert(String text) {
            return replace(text, inverse);
        }

        private static String replace(String text, Map<String, String> map) {
            Matcher m = WORD.matcher(text);
            StringBuilder out = new StringBuilder(text.length());
            while (m.find()) {
                String to = map.get(m.group());
                m.appendReplacement(out, Matcher.quoteReplacement(to != null ? to : m.group()));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    static final int LONG_STORY_SIZE = 50;
    static final int MEAN_STORY_SIZE = 10;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+");
    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 1);
    private static final int SPAN_DAYS = 730;
    private static final int DAYS_BETWEEN_COPIES = 3;
    private static final String[] OUTLETS = { "Continental Wire", "Evening Ledger", "Harbour Herald", "Northern Review",
            "Daily Courier", "Morning Atlas", "City Gazette", "Weekly Chronicle", "Valley Post", "National Times",
            "Coastal Observer", "Metro Local" };

    private final List<List<Base>> baseStories;
    private final List<String> starts;
    private final List<String> continuations;
    private final Random random;
    private final List<Names> storyNames = new ArrayList<>();
    private final List<Integer> storyBase = new ArrayList<>();
    private final List<LocalDate> storyStart = new ArrayList<>();
    private final Map<String, Integer> nextCopy = new HashMap<>();
    private final Map<Integer, List<Generated>> byStory = new LinkedHashMap<>();

    CorpusGenerator(long seed) {
        this.baseStories = loadBaseStories();
        this.random = new Random(seed);
        Set<String> used = new HashSet<>();
        baseStories.stream().flatMap(List::stream).forEach(b -> {
            Matcher m = WORD.matcher(b.text());
            while (m.find()) {
                used.add(m.group().toLowerCase(Locale.ROOT));
            }
        });
        List<String> vocabulary = loadVocabulary();
        this.starts = vocabulary.stream().filter(w -> w.matches("[a-z]{3,7}") && !used.contains(w)).toList();
        this.continuations = vocabulary.stream().filter(w -> w.matches("##[a-z]{2,4}")).map(w -> w.substring(2)).toList();
    }

    List<List<Base>> baseStories() {
        return baseStories;
    }

    int storyCount() {
        return storyNames.size();
    }

    List<Generated> articlesOf(int story) {
        return byStory.getOrDefault(story, List.of());
    }

    /**
     * The base corpus: {@code total} articles in {@code total / MEAN_STORY_SIZE} stories, 2 % of them long-running
     * ({@link #LONG_STORY_SIZE} articles), the rest of 3-17 articles; in order of publication.
     */
    List<Generated> corpus(int total) {
        int stories = Math.max(1, total / MEAN_STORY_SIZE);
        int longStories = Math.max(1, stories / 50);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < longStories; i++) {
            sizes.add(Math.min(LONG_STORY_SIZE, total));
        }
        int rest = total - sizes.stream().mapToInt(Integer::intValue).sum();
        int shortStories = stories - longStories;
        for (int i = 0; i < shortStories; i++) {
            sizes.add(rest / shortStories);
        }
        for (int i = 0; i < rest % shortStories; i++) {
            sizes.set(longStories + i, sizes.get(longStories + i) + 1);
        }
        for (int i = longStories; i + 1 < sizes.size(); i += 2) {
            int d = Math.min(random.nextInt(8), sizes.get(i) - 3);
            sizes.set(i, sizes.get(i) - d);
            sizes.set(i + 1, sizes.get(i + 1) + d);
        }
        Collections.shuffle(sizes, random);
        List<Generated> all = new ArrayList<>();
        for (int size : sizes) {
            int story = newStory();
            for (int j = 0; j < size; j++) {
                all.add(next(story, null));
            }
        }
        all.sort(Comparator.comparing(Generated::publishedAt).thenComparing(Generated::id));
        return all;
    }

    /**
     * Fresh articles for the measured phase: most continue existing stories (chosen in proportion to their size, as
     * news follows running stories), one in ten starts a new story; dated after their story's last article.
     */
    List<Generated> fresh(int count) {
        List<Integer> weighted = new ArrayList<>();
        byStory.forEach((story, articles) -> articles.forEach(a -> weighted.add(story)));
        List<Generated> fresh = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int story = random.nextInt(10) == 0 ? newStory() : weighted.get(random.nextInt(weighted.size()));
            LocalDate after = articlesOf(story).stream().map(Generated::publishedAt).max(Comparator.naturalOrder()).orElse(null);
            fresh.add(next(story, after == null ? null : after.plusDays(1 + random.nextInt(3))));
        }
        return fresh;
    }

    private int newStory() {
        int story = storyNames.size();
        int base = random.nextInt(baseStories.size());
        storyBase.add(base);
        storyStart.add(FIRST_DAY.plusDays(random.nextInt(SPAN_DAYS)));
        storyNames.add(invent(baseStories.get(base)));
        return story;
    }

    /** The next copy of one of the story's base articles, in turn; a later copy keeps fewer paragraphs. */
    private Generated next(int story, LocalDate date) {
        List<Base> bases = baseStories.get(storyBase.get(story));
        int index = articlesOf(story).size();
        Base base = bases.get(Math.floorMod(index + story, bases.size()));
        int copy = nextCopy.merge(story + "/" + base.id(), 1, Integer::sum) - 1;
        Names names = storyNames.get(story);
        LocalDate publishedAt = date != null ? date
                : storyStart.get(story).plusDays(base.dayOffset() + (long) copy * DAYS_BETWEEN_COPIES);
        String text = names.apply(variant(base.text(), copy));
        Generated g = new Generated("s" + story + "-" + base.id() + "-" + copy, story,
                base.title() == null ? null : names.apply(base.title()),
                OUTLETS[Math.floorMod(base.id().hashCode() + copy + story, OUTLETS.length)], publishedAt, text, base, copy,
                names);
        byStory.computeIfAbsent(story, s -> new ArrayList<>()).add(g);
        return g;
    }

    /**
     * Variant 0 is the whole text; variant v drops one paragraph after the lead, then pairs of them, so every copy
     * is a different text while the paragraphs it keeps are the base's own.
     */
    static String variant(String text, int v) {
        if (v == 0) {
            return text;
        }
        // the seeds put one paragraph per line, our own articles separate paragraphs by a blank line
        String separator = text.contains("\n\n") ? "\n\n" : "\n";
        List<String> paragraphs = new ArrayList<>(Arrays.stream(text.split(separator.equals("\n") ? "\n" : "\n\\s*\n"))
                .filter(p -> !p.isBlank()).toList());
        // only paragraphs long enough to hold a sentence are dropped, never the first two (headline, lead)
        List<Integer> candidates = new ArrayList<>();
        for (int i = 2; i < paragraphs.size(); i++) {
            if (paragraphs.get(i).strip().length() >= 40) {
                candidates.add(i);
            }
        }
        int droppable = candidates.size();
        if (droppable < 1) {
            return revised(text, v);
        }
        Set<Integer> drop = new TreeSet<>(Comparator.reverseOrder());
        int k = v - 1;
        if (k < droppable) {
            drop.add(candidates.get(k));
        } else {
            int pair = k - droppable;
            for (int i = 0; i < droppable && drop.isEmpty(); i++) {
                int after = droppable - 1 - i;
                if (pair < after) {
                    drop.add(candidates.get(i));
                    drop.add(candidates.get(i + 1 + pair));
                }
                pair -= after;
            }
            if (drop.isEmpty()) {
                return revised(text, v);
            }
        }
        drop.forEach(i -> paragraphs.remove((int) i));
        return String.join(separator, paragraphs);
    }

    /** A copy beyond the paragraph variants: the whole text with a closing line of its own (no digit, no name). */
    private static String revised(String text, int v) {
        StringBuilder code = new StringBuilder();
        for (int n = v; n > 0; n /= 26) {
            code.append((char) ('a' + n % 26));
        }
        return text + "\n\nThis report was revised by the editors, revision " + code + ".";
    }

    /** Invented names for a base story: one per capitalised surface form of each salient name, same WordPiece count. */
    private Names invent(List<Base> bases) {
        Set<String> salient = new TreeSet<>();
        for (Base b : bases) {
            SalientNames.of(b.title(), b.text(), b.outlet()).keySet()
                    .forEach(name -> WORD.matcher(name).results().map(r -> r.group()).filter(p -> p.length() >= 3).forEach(salient::add));
        }
        Set<String> surfaces = new TreeSet<>();
        for (Base b : bases) {
            for (String source : new String[] { b.title(), b.text() }) {
                if (source == null) {
                    continue;
                }
                Matcher m = WORD.matcher(source);
                while (m.find()) {
                    String w = m.group();
                    if (Character.isUpperCase(w.charAt(0)) && salient.contains(w.toLowerCase(Locale.ROOT))) {
                        surfaces.add(w);
                    }
                }
            }
        }
        Names names = new Names();
        Map<String, String> byLower = new HashMap<>();
        for (String surface : surfaces) {
            String lower = surface.toLowerCase(Locale.ROOT);
            String invented = byLower.computeIfAbsent(lower, l -> inventWord(WordPieceCounter.count(l)));
            String shaped = surface.equals(surface.toUpperCase(Locale.ROOT)) && surface.length() > 1
                    ? invented.toUpperCase(Locale.ROOT)
                    : Character.toUpperCase(invented.charAt(0)) + invented.substring(1);
            names.forward.put(surface, shaped);
            names.inverse.put(shaped, surface);
            // phrases the figure grouping embeds may be lower-cased
            names.inverse.putIfAbsent(invented, lower);
        }
        return names;
    }

    private String inventWord(int pieces) {
        String best = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            StringBuilder w = new StringBuilder(starts.get(random.nextInt(starts.size())));
            for (int i = 1; i < pieces; i++) {
                w.append(continuations.get(random.nextInt(continuations.size())));
            }
            if (WordPieceCounter.count(w.toString()) == pieces) {
                return w.toString();
            }
            best = w.toString();
        }
        return best;
    }

    private static List<String> loadVocabulary() {
        try (InputStream in = WordPieceCounter.class.getClassLoader().getResourceAsStream("bert-vocabulary-en.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gold stories of the story evaluation: the seeds, eval/articles and eval/stories, with relative dates. */
    static List<List<Base>> loadBaseStories() {
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode gold = json.readTree(Path.of("src/test/resources/eval/story-gold.json").toFile());
            List<List<Base>> stories = new ArrayList<>();
            for (JsonNode story : gold.get("stories")) {
                List<String[]> raw = new ArrayList<>();
                List<LocalDate> dates = new ArrayList<>();
                for (JsonNode idNode : story.get("articles")) {
                    String id = idNode.asText();
                    Path seed = Path.of("src/main/resources/corpus", id + ".txt");
                    if (Files.exists(seed)) {
                        raw.add(new String[] { id, null, null, Files.readString(seed) });
                        dates.add(null);
                        continue;
                    }
                    Path file = Files.exists(Path.of("src/test/resources/eval/articles", id + ".txt"))
                            ? Path.of("src/test/resources/eval/articles", id + ".txt")
                            : Path.of("src/test/resources/eval/stories", id + ".txt");
                    JsonNode meta = json.readTree(file.resolveSibling(id + ".meta.json").toFile());
                    raw.add(new String[] { id, meta.path("title").asText(null), meta.path("outlet").asText(null),
                            Files.readString(file) });
                    dates.add(meta.hasNonNull("publishedAt") ? LocalDate.parse(meta.get("publishedAt").asText()) : null);
                }
                LocalDate first = dates.stream().filter(d -> d != null).min(Comparator.naturalOrder()).orElse(null);
                List<Base> bases = new ArrayList<>();
                for (int i = 0; i < raw.size(); i++) {
                    int offset = first == null || dates.get(i) == null ? i : (int) ChronoUnit.DAYS.between(first, dates.get(i));
                    String[] r = raw.get(i);
                    bases.add(new Base(r[0], story.get("story").asText(), r[1], r[2], offset, r[3]));
                }
                stories.add(bases);
            }
            return stories;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
