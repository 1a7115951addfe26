package io.crosscheck.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.crosscheck.figures.EventClasses;
import io.crosscheck.retrieval.ChunkIndex;
import io.crosscheck.retrieval.IndexedChunk;
import io.crosscheck.retrieval.Terms;
import io.crosscheck.text.QuoteMarks;
import io.crosscheck.text.SentenceSplitter;

/**
 * Composes a short answer without a language model: for a quantity it leads with the figures for the measure the
 * question is about (saying plainly when sources disagree), then quotes the best supporting sentences verbatim; for a
 * question about when, why or what someone said it quotes the sentences that state a time, a cause or that person's
 * words. Every number it writes is inside the quote it cites, and the same input always gives the same answer.
 */
public final class ExtractiveAnswerer {

    private static final int MAX_SUPPORTING = 3;
    static final int MAX_LEAD_FIGURES = 6;
    static final int MAX_RELATED_FIGURES = 3;
    /** Distinct figures a measure lists in an answer; enough for every source of the seeds' casualty conflict. */
    static final int MAX_LISTED_FIGURES = 12;
    private static final int MAX_RELATED = 3;
    private static final List<String> COUNT_WORDS = List.of("no", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve");
    private static final int MIN_SENTENCE_WORDS = 5;
    private static final double MIN_SUPPORT_AFTER_LEAD = 0.9;
    private static final Pattern TITLE_SPACE = Pattern.compile("\\s+");
    /** What may follow a headline in its line: a separator before the site's name or a subtitle, or a full stop. */
    private static final String TITLE_SEPARATORS = "-–—|:·•.!";
    private static final Pattern HAS_NUMBER = Pattern.compile(
            "\\d|\\b(one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?|half|third|quarter)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * What a sentence must add to its words in common with the question to answer a when or why question: a stated
     * time or cause outweighs one more shared word (overlap counts as a share of the question's words, at most 1).
     */
    private static final double CUE_WEIGHT = 0.6;

    /**
     * A sentence of a retrieved chunk, placed in its article; {@code answers} when it states what the kind asks,
     * {@code mayAnswer} when it only may (a temporal connective for a why question).
     */
    record Candidate(IndexedChunk chunk, int rank, int start, String text, double score, boolean answers, boolean mayAnswer) {
    }

    /**
     * Answers {@code question}, asked in its conversation as {@code retrievalQuery} (the question with the subject it
     * borrows from the previous turn, or itself): what kind of answer it asks for is read from the question, what it is
     * about from the retrieval query.
     */
    public ExtractiveAnswer answer(String question, String retrievalQuery, List<ChunkIndex.Hit> hits,
            List<ChatResponse.ConflictView> conflicts, Map<String, SourceArticle> articles) {
        Questions.Kind kind = Questions.kind(question);
        Citations citations = new Citations();
        List<ChatResponse.ConflictView> numbered = new ArrayList<>();
        for (ChatResponse.ConflictView conflict : conflicts) {
            numbered.add(number(conflict, numbered.size(), citations, articles));
        }

        // figures lead only when the question asks for a quantity; otherwise the best sentences answer and the
        // measures follow as related figures
        boolean figuresLead = !numbered.isEmpty() && kind == Questions.Kind.QUANTITY;
        Set<String> alreadyQuoted = numbered.stream().flatMap(c -> c.figures().stream()).map(ChatResponse.FigureView::quote)
                .collect(Collectors.toSet());
        Set<String> askedEvents = EventClasses.in(retrievalQuery);
        List<String> speaker = kind == Questions.Kind.WHO_SAID ? Questions.speaker(question) : List.of();
        List<Candidate> supporting = supporting(kind, retrievalQuery, speaker, hits, alreadyQuoted).stream()
                .filter(c -> !figuresLead || bearsOnQuestion(c, askedEvents))
                .filter(c -> !figuresLead || !repeatsAListedFigure(c, numbered)).toList();

        List<String> parts = new ArrayList<>();
        boolean severalStories = numbered.stream().map(ChatResponse.ConflictView::storyId).distinct().count() > 1;
        if (figuresLead && !values(numbered.get(0), MAX_LEAD_FIGURES, articles).isEmpty()) {
            parts.add(inStory(numbered.get(0), severalStories) + lead(numbered.get(0), articles));
        }
        for (int i = 0; i < supporting.size(); i++) {
            Candidate c = supporting.get(i);
            SourceArticle source = articles.getOrDefault(c.chunk().articleId(), fromChunk(c.chunk()));
            int n = citations.cite(source.id(), source.title(), source.outlet(), source.url(), source.publishedAt(), c.text());
            boolean first = i == 0 && !figuresLead;
            String prefix;
            if (!speaker.isEmpty()) {
                // the speaker as the question names them, the outlet that reports their words
                prefix = String.join(" ", speaker) + (source.label() == null ? "" : ", according to " + source.label()) + ": ";
            } else {
                prefix = source.label() == null ? (first ? "One article says: " : "")
                        : first ? "According to " + source.label() + ": " : source.label() + ": ";
            }
            parts.add(prefix + quoted(c.text()) + " [" + n + "]");
        }
        List<ChatResponse.ConflictView> related = numbered.stream().skip(figuresLead ? 1 : 0).limit(MAX_RELATED).toList();
        for (ChatResponse.ConflictView measure : related) {
            String figures = values(measure, MAX_RELATED_FIGURES, articles);
            // a related measure is worth a line only with its numbers: a bare label answers nothing
            if (!figures.isEmpty()) {
                parts.add(inStory(measure, severalStories) + "Related: " + measure.measure() + " (" + measure.status() + "): "
                        + figures + ".");
            }
        }
        // each part is checked whole: it was composed as one unit, whatever a sentence splitter makes of it
        List<String> supported = parts.stream().filter(part -> AnswerValidator.unsupportedNumbers(part, citations).isEmpty())
                .toList();
        String answer = supported.isEmpty() ? "The corpus holds no passage that answers this question."
                : String.join("\n\n", supported);
        return new ExtractiveAnswer(answer, citations, numbered);
    }

    /**
     * A sentence in quotation marks. One with marks of its own is shown as it is, with the partner of any mark whose
     * partner lies in another sentence: wrapping it again would give doubled (““It will…) or nested double marks.
     */
    static String quoted(String sentence) {
        return QuoteMarks.hasAny(sentence) ? QuoteMarks.balanced(sentence) : "“" + sentence + "”";
    }

    /**
     * A sentence of an article the answer already lists as a source of a figure, stating that figure's value, says
     * again what the figures said ("at least six weeks" from a second outlet).
     */
    private static boolean repeatsAListedFigure(Candidate candidate, List<ChatResponse.ConflictView> conflicts) {
        return conflicts.stream().flatMap(c -> c.figures().stream())
                .anyMatch(f -> candidate.text().contains(f.value())
                        && f.sources().stream().anyMatch(s -> s.articleId().equals(candidate.chunk().articleId())));
    }

    /**
     * After a lead built from figures, a sentence is worth adding only if it names what the question asks happened
     * (when it names an event) and scores high on the question's words.
     */
    private static boolean bearsOnQuestion(Candidate candidate, Set<String> askedEvents) {
        boolean namesEvent = askedEvents.isEmpty() || EventClasses.in(candidate.text()).stream().anyMatch(askedEvents::contains);
        return namesEvent && candidate.score() >= MIN_SUPPORT_AFTER_LEAD;
    }

    /** Names the story a measure belongs to when an answer draws on more than one. */
    private static String inStory(ChatResponse.ConflictView measure, boolean severalStories) {
        return severalStories && measure.story() != null ? "In the story “" + measure.story() + "”: " : "";
    }

    /** Each distinct value once, with who gave it and how many other articles repeat it. */
    private static String values(ChatResponse.ConflictView measure, int max, Map<String, SourceArticle> articles) {
        return measure.figures().stream().filter(f -> f.n() != null && !f.derived()).limit(max)
                .map(f -> f.value() + " (" + who(f, articles) + repeated(f) + ") [" + f.n() + "]")
                .collect(Collectors.joining("; "));
    }

    /**
     * How many other outlets repeat a figure ("repeated by two other outlets"); when only the same outlet repeats it,
     * how many of its other articles do. Counts are words: every digit in an answer must stand in a cited quote.
     */
    private static String repeated(ChatResponse.FigureView figure) {
        String first = figure.sources().isEmpty() ? null : figure.sources().get(0).outlet();
        long otherOutlets = figure.sources().stream().map(ChatResponse.Source::outlet)
                .filter(o -> o != null && !o.equalsIgnoreCase(String.valueOf(first))).map(o -> o.toLowerCase(Locale.ROOT))
                .distinct().count();
        if (otherOutlets > 0) {
            return "; repeated by " + inWords(otherOutlets) + (otherOutlets == 1 ? " other outlet" : " other outlets");
        }
        long otherArticles = ConflictViews.articles(figure) - 1;
        return otherArticles <= 0 ? "" : "; also in " + inWords(otherArticles)
                + (otherArticles == 1 ? " other article" : " other articles");
    }

    private static String inWords(long count) {
        return count < COUNT_WORDS.size() ? COUNT_WORDS.get((int) count) : "many";
    }

    /**
     * The lead: the measure's stated figures and, after them, how many it computed from them. A computed number stands
     * in no quote, so the answer counts them in words and leaves their numbers to the measure's summary and figures.
     */
    private static String lead(ChatResponse.ConflictView measure, Map<String, SourceArticle> articles) {
        long computed = measure.figures().stream().filter(ChatResponse.FigureView::derived).count();
        String figures = values(measure, MAX_LEAD_FIGURES, articles) + (computed == 0 ? ""
                : "; computed from these: " + inWords(computed) + (computed == 1 ? " more figure" : " more figures")
                        + ", listed with the measure");
        return switch (measure.status()) {
            case "conflict" -> "Sources disagree on " + measure.measure() + ": " + figures + ".";
            case "consistent" -> "Sources broadly agree on " + measure.measure() + ": " + figures + ".";
            default -> "Only one source gives " + measure.measure() + ": " + figures + ".";
        };
    }

    private static String who(ChatResponse.FigureView figure, Map<String, SourceArticle> articles) {
        SourceArticle source = articles.get(figure.articleId());
        String label = source == null ? null : source.label();
        if (figure.attribution() == null) {
            return label == null ? "unattributed" : label;
        }
        return label == null ? figure.attribution() : figure.attribution() + ", via " + label;
    }

    /**
     * Lists a measure's distinct figures, at most {@value #MAX_LISTED_FIGURES}, and numbers the quotes of those the
     * answer text names: the lead measure's first {@value #MAX_LEAD_FIGURES} and the others' first
     * {@value #MAX_RELATED_FIGURES}. The others are listed uncited ({@code n} null), so the citations stay few however
     * many articles repeat a figure; the full list is at {@code /api/conflicts/{id}}.
     */
    private static ChatResponse.ConflictView number(ChatResponse.ConflictView conflict, int position, Citations citations,
            Map<String, SourceArticle> articles) {
        List<ChatResponse.FigureView> listed = shown(conflict.figures(), MAX_LISTED_FIGURES);
        List<ChatResponse.FigureView> cited = shown(listed, position == 0 ? MAX_LEAD_FIGURES : MAX_RELATED_FIGURES);
        List<ChatResponse.FigureView> figures = listed.stream().map(f -> {
            Integer n = null;
            if (cited.contains(f)) {
                SourceArticle source = articles.getOrDefault(f.articleId(), new SourceArticle(f.articleId(), null, null, null, null));
                n = citations.cite(source.id(), source.title(), source.outlet(), source.url(), source.publishedAt(), f.quote());
            }
            Integer number = n;
            List<ChatResponse.Source> sources = f.sources().stream()
                    .map(s -> new ChatResponse.Source(s.articleId(), s.outlet(), s.articleId().equals(f.articleId()) ? number : null))
                    .toList();
            return new ChatResponse.FigureView(f.value(), f.low(), f.high(), f.unit(), f.attribution(), f.articleId(), f.quote(),
                    number, f.derived(), f.asOf(), sources);
        }).toList();
        return new ChatResponse.ConflictView(conflict.measureId(), conflict.measure(), conflict.status(), conflict.summary(),
                conflict.storyId(), conflict.story(), figures);
    }

    /**
     * Which figures an answer shows when there are more than it can: stated before derived, and first one figure for
     * each article not yet represented, so that every disagreeing source is seen; then the rest in date order.
     */
    static List<ChatResponse.FigureView> shown(List<ChatResponse.FigureView> figures, int max) {
        List<ChatResponse.FigureView> candidates = figures.stream().sorted(Comparator.comparing(ChatResponse.FigureView::derived))
                .toList();
        List<ChatResponse.FigureView> chosen = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (ChatResponse.FigureView f : candidates) {
            if (chosen.size() < max && f.sources().stream().anyMatch(s -> !covered.contains(s.articleId()))) {
                chosen.add(f);
                f.sources().forEach(s -> covered.add(s.articleId()));
            }
        }
        for (ChatResponse.FigureView f : candidates) {
            if (chosen.size() < max && !chosen.contains(f)) {
                chosen.add(f);
            }
        }
        return figures.stream().filter(chosen::contains).toList();
    }

    /**
     * The sentences that best answer the question, at most {@value #MAX_SUPPORTING}, one per article first. For when,
     * why and who-said questions only sentences stating a time, a cause or the speaker's words are taken when there are
     * any; otherwise the best matching sentences stand in.
     */
    List<Candidate> supporting(Questions.Kind kind, String retrievalQuery, List<String> speaker, List<ChunkIndex.Hit> hits,
            Set<String> alreadyQuoted) {
        Set<String> questionTerms = Questions.contentTerms(retrievalQuery);
        Set<String> questionEvents = EventClasses.in(retrievalQuery);
        boolean quantitative = kind == Questions.Kind.QUANTITY;
        Map<String, Candidate> unique = new LinkedHashMap<>();
        for (int rank = 1; rank <= hits.size(); rank++) {
            IndexedChunk chunk = hits.get(rank - 1).chunk();
            for (SentenceSplitter.Span span : SentenceSplitter.split(chunk.text())) {
                String text = span.of(chunk.text());
                String key = chunk.articleId() + "@" + (chunk.start() + span.start());
                if (unique.containsKey(key) || alreadyQuoted.contains(text) || text.endsWith("?")
                        || text.split("\\s+").length < MIN_SENTENCE_WORDS || isTitle(text, chunk.title())) {
                    continue;
                }
                double score = score(questionTerms, questionEvents, quantitative, text, rank);
                boolean answers = switch (kind) {
                    case WHEN -> score > 0 && AnswerCues.statesTime(text);
                    case WHY -> score > 0 && AnswerCues.statesCause(text);
                    case WHO_SAID -> AnswerCues.isSpeech(text) && spokenBy(speaker, chunk.text(), span);
                    default -> false;
                };
                boolean mayAnswer = kind == Questions.Kind.WHY && score > 0 && AnswerCues.maySayCause(text);
                score += switch (kind) {
                    case WHEN -> answers ? CUE_WEIGHT : 0;
                    case WHY -> answers || mayAnswer ? CUE_WEIGHT : 0;
                    // a speaker's words need share no word with the question; their own words before a report of them
                    case WHO_SAID -> answers ? 1 + (AnswerCues.isDirectSpeech(text) ? CUE_WEIGHT : 0) + 0.15 / rank : 0;
                    default -> 0;
                };
                unique.put(key, new Candidate(chunk, rank, chunk.start() + span.start(), text, score, answers, mayAnswer));
            }
        }
        List<Candidate> ranked = unique.values().stream().filter(c -> c.score() > 0)
                .sorted(Comparator.comparingDouble(Candidate::score).reversed()
                        .thenComparing(c -> c.chunk().articleId()).thenComparingInt(Candidate::start))
                .toList();
        if (ranked.stream().anyMatch(Candidate::answers)) {
            ranked = ranked.stream().filter(Candidate::answers).toList();
        } else if (ranked.stream().anyMatch(Candidate::mayAnswer)) {
            ranked = ranked.stream().filter(Candidate::mayAnswer).toList();
        }
        List<Candidate> chosen = new ArrayList<>();
        Set<String> articlesUsed = new HashSet<>();
        for (Candidate candidate : ranked) {
            if (chosen.size() == MAX_SUPPORTING) {
                break;
            }
            // one sentence per article first, so that the answer shows more than one source where it can
            if (articlesUsed.add(candidate.chunk().articleId())) {
                chosen.add(candidate);
            }
        }
        for (Candidate candidate : ranked) {
            if (chosen.size() == MAX_SUPPORTING) {
                break;
            }
            if (!chosen.contains(candidate)) {
                chosen.add(candidate);
            }
        }
        return chosen;
    }

    /**
     * Whether a sentence is the speaker's words: it names them, or it gives its speaker by a pronoun or as a quote
     * and its paragraph named them before it ("Chief auditor Margit Olsen rejected that explanation. “The station
     * cannot function …,” she told reporters.").
     */
    static boolean spokenBy(List<String> speaker, String text, SentenceSplitter.Span span) {
        if (speaker.isEmpty()) {
            return false;
        }
        String sentence = span.of(text);
        if (names(sentence, speaker)) {
            return true;
        }
        int paragraph = Math.max(text.lastIndexOf("\n\n", span.start()), 0);
        return AnswerCues.speakerGivenByContext(sentence) && names(text.substring(paragraph, span.start()), speaker);
    }

    /**
     * Whether a text names the speaker by the last word the question names them with: a surname after the first
     * mention ("Olsen"), or the head noun of a body ("the ministry"), in any case.
     */
    private static boolean names(String text, List<String> speaker) {
        String last = speaker.get(speaker.size() - 1);
        return Pattern.compile("\\b" + Pattern.quote(last) + "\\b", Pattern.CASE_INSENSITIVE).matcher(text).find();
    }

    /**
     * The article's headline, alone or followed by a site name or subtitle ("… Heavy Losses - PRESS AI WORLD"): chunks
     * start with it when the page did, and a headline is the writer's summary, not evidence.
     */
    static boolean isTitle(String sentence, String title) {
        if (title == null || title.isBlank()) {
            return false;
        }
        String text = TITLE_SPACE.matcher(sentence).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        String headline = TITLE_SPACE.matcher(title).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        if (!text.startsWith(headline)) {
            return false;
        }
        String rest = text.substring(headline.length()).strip();
        // a sentence that merely opens with the headline's words goes on as a sentence, not after a separator
        return rest.isEmpty() || TITLE_SEPARATORS.indexOf(rest.charAt(0)) >= 0;
    }

    private static double score(Set<String> questionTerms, Set<String> questionEvents, boolean quantitative, String sentence,
            int rank) {
        if (questionTerms.isEmpty()) {
            return 1.0 / rank;
        }
        Set<String> terms = Terms.of(sentence);
        long overlap = questionTerms.stream().filter(terms::contains).count();
        if (overlap == 0) {
            return 0;
        }
        double score = (double) overlap / questionTerms.size() + 0.15 / rank;
        if (quantitative && HAS_NUMBER.matcher(sentence).find()) {
            score += 0.25;
        }
        if (!questionEvents.isEmpty() && EventClasses.in(sentence).stream().anyMatch(questionEvents::contains)) {
            score += 0.4; // it tells what the question asks happened (died, were arrested …), not just who
        }
        if (!sentence.matches("(?s).*[.!?”\"')]$")) {
            score -= 0.2; // headings and table labels answer little on their own
        }
        return score;
    }

    private static SourceArticle fromChunk(IndexedChunk chunk) {
        return new SourceArticle(chunk.articleId(), chunk.title(), chunk.outlet(), chunk.url(), chunk.publishedAt());
    }
}
