package io.crosscheck.figures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.crosscheck.figures.Words.Token;

/**
 * Which articles of a corpus tell the same story. Figures of different articles only quantify the same thing when
 * the articles are about the same events, and news articles about one story name the same places, people and
 * organisations. An article's salient names are the capitalised words inside its sentences (not sentence-initial,
 * not calendar words or titles, not its own outlet's name); two articles share a story when they share at least
 * {@link #MIN_SHARED_NAMES} of them, and stories are the connected groups of that relation.
 */
final class StoryContext {

    /**
     * Shared names that make two articles one story. Measured on the seed and own corpora: articles of one story share
     * three or more names (one multi-word name such as an organiser's), articles of different stories none once titles
     * ("Minister", "President") are set aside.
     */
    static final int MIN_SHARED_NAMES = 2;

    private static final Set<String> CALENDAR = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
            "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday", "today", "yesterday");
    /** Titles and forms of address: capitalised before any name, so they say nothing about the story. */
    private static final Set<String> TITLES = Set.of("president", "minister", "prime", "chief", "secretary", "general",
            "gen", "colonel", "col", "lieutenant", "major", "captain", "sergeant", "admiral", "commander", "mr", "mrs", "ms",
            "dr", "sir", "dame", "governor", "mayor", "senator", "deputy", "commissioner", "director", "spokesman",
            "spokeswoman", "spokesperson", "king", "queen", "prince", "princess", "pope", "judge", "professor", "prof");
    private static final Set<String> OPENERS = Set.of("“", "\"", "‘", "'", "—", "–", "-", ":", "(", "[");

    private StoryContext() {
    }

    /**
     * A story number per article id; articles sharing no names with others are stories of their own. Articles naming
     * too little to tell (a one-line brief) share story -1 and group on meaning alone, as before stories were known.
     */
    static Map<String, Integer> stories(List<CorpusFigure> figures) {
        Map<String, Set<String>> names = names(figures);
        List<String> articles = new ArrayList<>(names.keySet());
        Map<String, Integer> story = new HashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            boolean unanchored = names.get(articles.get(i)).size() < MIN_SHARED_NAMES;
            story.put(articles.get(i), unanchored ? -1 : i);
        }
        for (int a = 0; a < articles.size(); a++) {
            for (int b = a + 1; b < articles.size(); b++) {
                if (shared(names.get(articles.get(a)), names.get(articles.get(b))).size() >= MIN_SHARED_NAMES) {
                    int from = story.get(articles.get(b));
                    int to = story.get(articles.get(a));
                    story.replaceAll((article, s) -> s == from ? to : s);
                }
            }
        }
        return story;
    }

    static Set<String> shared(Set<String> a, Set<String> b) {
        Set<String> shared = new LinkedHashSet<>(a);
        shared.retainAll(b);
        return shared;
    }

    /** The salient names of each article, read from its title and the sentences its figures stand in. */
    static Map<String, Set<String>> names(List<CorpusFigure> figures) {
        Map<String, Set<String>> sentences = new LinkedHashMap<>();
        Map<String, Set<String>> outletWords = new HashMap<>();
        for (CorpusFigure figure : figures) {
            Set<String> texts = sentences.computeIfAbsent(figure.articleId(), id -> new LinkedHashSet<>());
            if (figure.articleTitle() != null) {
                texts.add(figure.articleTitle());
            }
            texts.add(figure.figure().sentence());
            Set<String> outlet = outletWords.computeIfAbsent(figure.articleId(), id -> new LinkedHashSet<>());
            if (figure.outlet() != null) {
                for (Token token : Words.tokenize(figure.outlet(), 0, figure.outlet().length())) {
                    outlet.add(token.lower());
                }
            }
        }
        Map<String, Set<String>> names = new LinkedHashMap<>();
        sentences.forEach((article, texts) -> {
            Set<String> found = new LinkedHashSet<>();
            for (String text : texts) {
                found.addAll(namesIn(text));
            }
            found.removeAll(outletWords.getOrDefault(article, Set.of()));
            names.put(article, found);
        });
        return names;
    }

    /** Capitalised words inside a sentence; a headline in title case says nothing about which words are names. */
    private static Set<String> namesIn(String sentence) {
        List<Token> tokens = Words.tokenize(sentence, 0, sentence.length());
        long words = tokens.stream().filter(Token::isWord).count();
        long capitalized = tokens.stream().filter(t -> t.isWord() && t.isCapitalized()).count();
        Set<String> found = new LinkedHashSet<>();
        if (words == 0 || capitalized * 2 > words) {
            return found;
        }
        for (int i = 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String lower = token.lower().replace(".", "");
            if (!token.isWord() || !token.isCapitalized() || lower.length() < 3 || OPENERS.contains(tokens.get(i - 1).text())
                    || tokens.get(i - 1).is(".", "!", "?") || Words.isFunctionWord(lower) || CALENDAR.contains(lower) || TITLES.contains(lower)) {
                continue;
            }
            found.add(lower.replaceFirst("['’]s$", "").toLowerCase(Locale.ROOT));
        }
        return found;
    }
}
