package io.crosscheck.stories;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crosscheck.text.SentenceSplitter;

/**
 * The names an article is about: places, people and organisations. English capitalises a word inside a sentence
 * only when it is a name (or a title, a calendar word, or the start of a quotation), so capitalised words that do
 * not start a sentence are names without a named-entity model. Articles of one story name the same places and
 * people even when they describe different aspects of it; two stories of the same kind (two floods) rarely do.
 */
public final class SalientNames {

    /** Capitalised in English although they name no place, person or organisation. */
    private static final Set<String> CALENDAR = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
            "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday", "today", "yesterday");
    /** Titles and forms of address: capitalised before any name, so they say nothing about which story it is. */
    private static final Set<String> TITLES = Set.of("president", "minister", "prime", "chief", "secretary", "general",
            "gen", "colonel", "col", "lieutenant", "major", "captain", "sergeant", "admiral", "commander", "mr", "mrs",
            "ms", "dr", "sir", "dame", "governor", "mayor", "senator", "deputy", "commissioner", "director", "spokesman",
            "spokeswoman", "spokesperson", "king", "queen", "prince", "princess", "pope", "judge", "professor", "prof");
    /**
     * English closed-class words: capitalised mid-sentence only after a quotation mark or a colon, where they start a
     * quoted sentence rather than name anything.
     */
    private static final Set<String> FUNCTION_WORDS = Set.of("the", "a", "an", "and", "or", "but", "nor", "yet", "so",
            "of", "in", "on", "at", "to", "for", "from", "by", "with", "into", "over", "under", "about", "against",
            "after", "before", "during", "since", "until", "while", "when", "where", "which", "who", "whom", "whose",
            "that", "this", "these", "those", "there", "here", "it", "its", "he", "she", "they", "we", "you", "his",
            "her", "their", "our", "your", "my", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
            "would", "could", "can", "may", "might", "must", "should", "not", "no", "if", "as", "than", "then", "all",
            "some", "any", "each", "every", "both", "such", "what", "how", "why", "also", "only", "even", "just");
    /** Marks after which a capital starts a quotation or a clause rather than naming something. */
    private static final Set<String> OPENERS = Set.of("“", "\"", "‘", "'", "—", "–", "-", ":", ";", "(", "[", ".", "!", "?");
    private static final Pattern TOKEN = Pattern.compile("\\p{L}[\\p{L}\\p{M}]*(?:['’\\-]\\p{L}[\\p{L}\\p{M}]*)*|\\S");
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s$");
    private static final int MIN_NAME_LENGTH = 3;

    private SalientNames() {
    }

    /**
     * Salient names of an article: capitalised words inside sentences (not sentence-initial, not calendar words,
     * titles or function words, not the outlet's own name), lower-cased, with occurrence counts; a title-case
     * headline says nothing.
     */
    public static Map<String, Integer> of(String title, String text, String outlet) {
        Set<String> outletWords = new HashSet<>();
        if (outlet != null) {
            tokens(outlet).forEach(token -> outletWords.add(lower(token)));
        }
        Map<String, Integer> names = new TreeMap<>();
        List<String> sources = new ArrayList<>();
        if (title != null) {
            sources.add(title);
        }
        if (text != null) {
            sources.add(text);
        }
        for (String source : sources) {
            for (SentenceSplitter.Span sentence : SentenceSplitter.split(source)) {
                for (String name : namesIn(sentence.of(source))) {
                    if (!outletWords.contains(name)) {
                        names.merge(name, 1, Integer::sum);
                    }
                }
            }
        }
        return names;
    }

    /** Capitalised words inside one sentence; a sentence mostly in capitals (a headline, a dateline) names nothing sure. */
    private static List<String> namesIn(String sentence) {
        List<String> tokens = tokens(sentence);
        long words = tokens.stream().filter(SalientNames::isWord).count();
        long capitalised = tokens.stream().filter(t -> isWord(t) && Character.isUpperCase(t.charAt(0))).count();
        List<String> names = new ArrayList<>();
        if (words == 0 || capitalised * 2 > words) {
            return names;
        }
        for (int i = 1; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String lower = lower(token);
            if (isWord(token) && Character.isUpperCase(token.charAt(0)) && !OPENERS.contains(tokens.get(i - 1))
                    && lower.length() >= MIN_NAME_LENGTH && !FUNCTION_WORDS.contains(lower) && !CALENDAR.contains(lower)
                    && !TITLES.contains(lower)) {
                names.add(lower);
            }
        }
        return names;
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static boolean isWord(String token) {
        return Character.isLetter(token.charAt(0));
    }

    private static String lower(String token) {
        return POSSESSIVE.matcher(token).replaceFirst("").toLowerCase(Locale.ROOT);
    }
}
