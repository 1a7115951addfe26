package io.crosscheck.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words and punctuation marks of a stretch of text with their offsets, and the closed word classes of English
 * (determiners, auxiliaries, prepositions, pronouns) that the figure rules need to find phrase boundaries without a
 * part-of-speech tagger.
 */
final class Words {

    private static final Pattern TOKEN = Pattern.compile(
            "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\p{L}[\\p{L}\\p{M}]*(?:['’.\\-]\\p{L}[\\p{L}\\p{M}]*)*\\.?|\\S");

    static final Set<String> DETERMINERS = Set.of("the", "a", "an", "these", "those", "this", "that", "their", "its",
            "his", "her", "our", "all", "some", "any", "each", "every", "both", "such");
    static final Set<String> AUXILIARIES = Set.of("is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
            "will", "would", "could", "can", "may", "might", "must", "should", "shall", "do", "does", "did", "now",
            "also", "still", "reportedly", "allegedly", "already", "not", "either", "believed", "thought", "said",
            "estimated", "feared", "expected", "likely", "to", "probably");
    static final Set<String> PRONOUNS = Set.of("he", "she", "they", "it", "we", "i", "you", "them", "him", "us", "who",
            "which", "that", "this", "these", "those", "there");
    static final Set<String> CLAUSE_WORDS = Set.of("that", "which", "who", "whom", "whose", "as", "while", "but",
            "because", "when", "after", "before", "if", "since", "so", "though", "although", "where", "with", "by",
            "than", "then", "whereas", "until", "unless", "and", "or", "nor", "yet", "according");
    static final Set<String> PREPOSITIONS = Set.of("of", "in", "on", "at", "to", "for", "from", "by", "with", "into",
            "onto", "over", "under", "about", "against", "among", "across", "during", "through", "per", "since",
            "within", "without", "between", "after", "before", "near", "inside", "outside", "toward", "towards", "amid",
            "despite", "via", "like", "than", "as", "up", "down", "off", "out", "along", "around", "past", "behind",
            "beyond", "upon", "ahead");
    /**
     * Sentence adverbs and conjunctions that open a sentence and link it to the previous one ("However, ...",
     * "Meanwhile, ...", "But ..."): they are never part of the subject that follows them. Adverbs in -ly are recognised by
     * {@link #isSentenceAdverb} instead of being listed.
     */
    static final Set<String> SENTENCE_ADVERBS = Set.of("however", "meanwhile", "moreover", "furthermore", "nevertheless",
            "nonetheless", "still", "instead", "also", "besides", "likewise", "otherwise", "thus", "hence", "therefore",
            "indeed", "again", "now", "then", "later", "earlier", "finally", "lastly",
            "overall", "elsewhere", "yet", "so", "and", "but", "or");
    /**
     * Shortest stem an adverb in -ly is taken to have ("recent-ly", "final-ly"): names such as Italy, Kelly or Sicily
     * have shorter stems and must stay names when they open a list ("Italy, France and Spain said").
     */
    private static final int LY_ADVERB_MIN_STEM = 5;

    /** Frequent verbs that would otherwise be read as part of a noun phrase ("people took part"). */
    static final Set<String> COMMON_VERBS = Set.of("took", "take", "takes", "make", "makes", "made", "went", "go", "goes",
            "came", "come", "comes", "remain", "remains", "remained", "face", "faces", "live", "lives", "say", "says",
            "said", "told", "get", "got", "gets", "need", "needs", "want", "wants", "run", "runs", "ran", "left",
            "fell", "rose", "fall", "rise", "rises", "falls", "stand", "stood", "stay", "stays", "saw", "see", "sees",
            "seem", "seems", "appear", "appears", "continue", "continues", "include", "includes", "including", "lost",
            "won", "hit", "set", "put", "keep", "kept", "is", "are", "was", "were", "has", "have", "had");

    record Token(String text, String lower, int start, int end) {

        boolean isWord() {
            return Character.isLetter(text.charAt(0));
        }

        boolean isNumber() {
            return Character.isDigit(text.charAt(0));
        }

        boolean isCapitalized() {
            return Character.isUpperCase(text.charAt(0));
        }

        boolean is(String... options) {
            for (String option : options) {
                if (lower.equals(option)) {
                    return true;
                }
            }
            return false;
        }
    }

    private Words() {
    }

    static List<Token> tokenize(String text, int from, int to) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text).region(from, to);
        while (matcher.find()) {
            String word = matcher.group();
            int end = matcher.end();
            if (word.length() > 1 && word.endsWith(".") && !isAbbreviation(word)) {
                word = word.substring(0, word.length() - 1);
                end--;
                tokens.add(new Token(word, word.toLowerCase(Locale.ROOT), matcher.start(), end));
                tokens.add(new Token(".", ".", end, end + 1));
                continue;
            }
            tokens.add(new Token(word, word.toLowerCase(Locale.ROOT), matcher.start(), end));
        }
        return tokens;
    }

    /** "U.S.", "Lt.", "Dr.": a trailing full stop that belongs to the word. */
    private static boolean isAbbreviation(String word) {
        String bare = word.substring(0, word.length() - 1);
        return bare.contains(".") || bare.length() <= 3 && Character.isUpperCase(bare.charAt(0)) && !bare.equals("I");
    }

    /** Index of the first token starting at or after {@code offset}. */
    static int indexAtOrAfter(List<Token> tokens, int offset) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).start() >= offset) {
                return i;
            }
        }
        return tokens.size();
    }

    /** Index of the last token ending at or before {@code offset}, or -1. */
    static int indexBefore(List<Token> tokens, int offset) {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            if (tokens.get(i).end() <= offset) {
                return i;
            }
        }
        return -1;
    }

    /** "However", "Meanwhile", "Separately": a word that opens a sentence as an adverb, not as a name. */
    static boolean isSentenceAdverb(String lower) {
        return SENTENCE_ADVERBS.contains(lower) || lower.endsWith("ly") && lower.length() - 2 >= LY_ADVERB_MIN_STEM;
    }

    static boolean isFunctionWord(String lower) {
        return DETERMINERS.contains(lower) || AUXILIARIES.contains(lower) || PRONOUNS.contains(lower)
                || CLAUSE_WORDS.contains(lower) || PREPOSITIONS.contains(lower);
    }
}
