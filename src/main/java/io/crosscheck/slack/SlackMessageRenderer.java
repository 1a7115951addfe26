package io.crosscheck.slack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crosscheck.answer.ChatResponse;
import io.crosscheck.answer.ChatResponse.Citation;
import io.crosscheck.answer.ChatResponse.ConflictView;
import io.crosscheck.answer.ChatResponse.FigureView;
import io.crosscheck.answer.ChatResponse.Source;

/**
 * Turns an answer into Block Kit within Slack's limits: at most 50 blocks, 3,000 characters per section text, 10
 * fields of 2,000 characters per section, 10 context elements. Long text is split between sentences, or between
 * words, never inside a citation marker or link. Plain Java, so that it is tested without Quarkus.
 */
public final class SlackMessageRenderer {

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3000;
    public static final int MAX_FIELDS = 10;
    public static final int MAX_FIELD_TEXT = 2000;
    public static final int MAX_CONTEXT_ELEMENTS = 10;
    public static final int MAX_BUTTON_VALUE = 2000;
    /** Notifications show only the start of the fallback text; the blocks carry the whole answer. */
    public static final int MAX_FALLBACK_TEXT = 3000;

    public static final String SHOW_SOURCES = "show_sources";
    public static final String FEEDBACK_UP = "feedback_up";
    public static final String FEEDBACK_DOWN = "feedback_down";
    public static final String ACTIONS_BLOCK = "crosscheck_actions";

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    /** Between sentences: after . ! or ? (and any closing quote or bracket) and whitespace, unless a marker follows. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"'”’)]?)\\s+(?!<[^>\\s]*\\|\\[\\d+]>|\\[\\d+])");
    private static final Pattern WORD_END = Pattern.compile("(?<=\\S)(?=\\s)");
    /** Links longer than this are shown as the bare marker: they would crowd a section. */
    private static final int MAX_LINK_URL = 1000;
    private static final String ELLIPSIS = "…";
    static final String ANALYSIS_PENDING = ":hourglass_flowing_sand: New articles on this story are still being analysed: "
            + "the figures shown are from the last analysis and may change.";

    /** The answer: its text with citation links, the figures per measure, the sources and the buttons. */
    public SlackMessage answer(ChatResponse response, String buttonValue) {
        Map<Integer, Citation> citations = byNumber(response.citations());
        String answer = blankToNull(response.answer()) == null ? "I found no passage in the sources that answers this."
                : response.answer();

        List<Map<String, Object>> answerBlocks = new ArrayList<>();
        for (String part : split(linkCitations(escape(answer), citations), MAX_SECTION_TEXT)) {
            answerBlocks.add(section(part));
        }
        List<Map<String, Object>> conflictBlocks = conflictBlocks(response.conflicts(), citations, response.citations());
        List<Map<String, Object>> tail = new ArrayList<>();
        if (response.analysisPending()) {
            tail.add(context(List.of(mrkdwn(ANALYSIS_PENDING))));
        }
        sourcesContext(response.citations()).ifPresent(tail::add);
        tail.add(actions(buttonValue));

        int room = MAX_BLOCKS - tail.size();
        // the figures come before the rest of a long answer: a disagreeing source must never be hidden
        int answerRoom = Math.max(Math.min(answerBlocks.size(), 2), Math.min(answerBlocks.size(), room - conflictBlocks.size()));
        List<Map<String, Object>> blocks = new ArrayList<>(fitBlocks(answerBlocks, answerRoom,
                "_The answer continues: use Show sources for every cited passage._"));
        blocks.addAll(fitBlocks(conflictBlocks, room - blocks.size(),
                "_More figures than fit in one message: use Show sources for every cited passage._"));
        blocks.addAll(tail);
        return new SlackMessage(fallback(answer, response.conflicts()), blocks);
    }

    /** Every cited passage with its quote, for the "Show sources" button. */
    public SlackMessage sources(ChatResponse response) {
        List<Citation> citations = response.citations() == null ? List.of() : response.citations();
        if (citations.isEmpty()) {
            return text("No passages were cited for this answer.");
        }
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(header("Sources"));
        for (Citation citation : citations) {
            String head = "*" + citationLink(citation) + "*" + meta(citation);
            String quote = blankToNull(citation.quote()) == null ? "" : "\n>" + escape(citation.quote()).replace("\n", "\n>");
            blocks.add(section(fit(head + quote, MAX_SECTION_TEXT)));
        }
        List<Map<String, Object>> fitted = fitBlocks(blocks, MAX_BLOCKS, "_More sources than fit in one message._");
        StringBuilder fallback = new StringBuilder("Sources:");
        for (Citation citation : citations) {
            fallback.append(" [").append(citation.n()).append("] ").append(escape(name(citation)));
        }
        return new SlackMessage(fit(fallback.toString(), MAX_FALLBACK_TEXT), fitted);
    }

    /** A short message (usage help, an apology) as one section. */
    public SlackMessage text(String plain) {
        String escaped = escape(plain);
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (String part : split(escaped, MAX_SECTION_TEXT)) {
            blocks.add(section(part));
        }
        return new SlackMessage(fit(escaped, MAX_FALLBACK_TEXT), fitBlocks(blocks, MAX_BLOCKS, ELLIPSIS));
    }

    /** Slack's mrkdwn escaping: only {@code &}, {@code <} and {@code >} are control characters. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Splits mrkdwn into parts of at most {@code limit} characters: between sentences where it can, else between
     * words, and only as a last resort inside a word. A citation marker or link is one word, so it is never cut.
     */
    public static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : pieces(text, SENTENCE_END)) {
            if (current.length() + sentence.length() <= limit) {
                current.append(sentence);
                continue;
            }
            flush(current, parts);
            if (sentence.length() <= limit) {
                current.append(sentence);
                continue;
            }
            for (String word : pieces(sentence, WORD_END)) {
                if (current.length() + word.length() > limit) {
                    flush(current, parts);
                }
                String rest = current.isEmpty() ? word.stripLeading() : word;
                while (rest.length() > limit) {
                    int cut = safeCut(rest, limit);
                    parts.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                current.append(rest);
            }
        }
        flush(current, parts);
        return parts;
    }

    /** The text itself when it fits, else its start cut between words and marked with an ellipsis. */
    static String fit(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        return split(text, limit - ELLIPSIS.length()).get(0).stripTrailing() + ELLIPSIS;
    }

    private List<Map<String, Object>> conflictBlocks(List<ConflictView> conflicts, Map<Integer, Citation> citations,
            List<Citation> citationList) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        if (conflicts == null || conflicts.isEmpty()) {
            return blocks;
        }
        blocks.add(divider());
        boolean disagree = conflicts.stream().anyMatch(c -> "conflict".equals(c.status()));
        blocks.add(header(disagree ? "Conflicting figures" : "Figures in the sources"));
        for (ConflictView conflict : conflicts) {
            String title = "*" + escape(orEmpty(conflict.measure())) + "* · " + statusLabel(conflict.status())
                    + (blankToNull(conflict.story()) == null ? "" : "\nStory: " + escape(conflict.story()))
                    + (blankToNull(conflict.summary()) == null ? "" : "\n" + escape(conflict.summary()));
            List<String> figures = (conflict.figures() == null ? List.<FigureView>of() : conflict.figures()).stream()
                    .map(figure -> figureText(figure, citations, citationList)).toList();
            boolean asFields = !figures.isEmpty() && figures.size() <= MAX_FIELDS && title.length() <= MAX_SECTION_TEXT
                    && figures.stream().allMatch(f -> f.length() <= MAX_FIELD_TEXT);
            if (asFields) {
                Map<String, Object> section = section(title);
                section.put("fields", figures.stream().map(SlackMessageRenderer::mrkdwn).toList());
                blocks.add(section);
            } else {
                StringBuilder list = new StringBuilder(title);
                figures.forEach(figure -> list.append("\n• ").append(figure.replace("\n", " · ")));
                split(list.toString(), MAX_SECTION_TEXT).forEach(part -> blocks.add(section(part)));
            }
        }
        return blocks;
    }

    /**
     * One distinct figure: its value, who gave it, its earliest article (linked when cited) and how many other
     * articles repeat it, with the citation numbers of those that are cited.
     */
    private static String figureText(FigureView figure, Map<Integer, Citation> citations, List<Citation> citationList) {
        StringBuilder text = new StringBuilder("*").append(escape(orEmpty(figure.value()))).append("*");
        if (figure.derived()) {
            text.append(" (derived)");
        }
        List<Source> sources = figure.sources() == null ? List.of() : figure.sources();
        Source earliest = sources.stream().filter(s -> Objects.equals(s.articleId(), figure.articleId())).findFirst()
                .orElse(sources.isEmpty() ? null : sources.get(0));
        if (blankToNull(figure.attribution()) != null) {
            text.append("\n").append(escape(figure.attribution()));
        }
        Citation cited = figure.n() != null ? citations.get(figure.n()) : null;
        if (cited == null && citationList != null) {
            cited = citationList.stream().filter(c -> c.articleId() != null && c.articleId().equals(figure.articleId()))
                    .findFirst().orElse(null);
        }
        List<String> where = new ArrayList<>();
        if (cited != null) {
            where.add(citationLink(cited));
        } else if (earliest != null && blankToNull(earliest.outlet()) != null) {
            where.add(escape(earliest.outlet()));
        }
        if (blankToNull(figure.asOf()) != null) {
            where.add("as of " + escape(figure.asOf()));
        }
        if (!where.isEmpty()) {
            text.append("\n").append(String.join(", ", where));
        }
        List<Source> others = sources.stream().filter(s -> !Objects.equals(s.articleId(), figure.articleId())).toList();
        long otherArticles = others.stream().map(Source::articleId).distinct().count();
        if (otherArticles > 0) {
            text.append("\nalso in ").append(otherArticles).append(otherArticles == 1 ? " other article" : " other articles");
            List<String> markers = others.stream().map(Source::n).filter(Objects::nonNull).distinct()
                    .map(n -> citations.containsKey(n) ? citationMarker(citations.get(n)) : "[" + n + "]").toList();
            if (!markers.isEmpty()) {
                text.append(" ").append(String.join("", markers));
            }
        }
        return fit(text.toString(), MAX_FIELD_TEXT);
    }

    private static Optional<Map<String, Object>> sourcesContext(List<Citation> citations) {
        if (citations == null || citations.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> elements = new ArrayList<>();
        int shown = citations.size() <= MAX_CONTEXT_ELEMENTS ? citations.size() : MAX_CONTEXT_ELEMENTS - 1;
        for (Citation citation : citations.subList(0, shown)) {
            elements.add(mrkdwn(fit(citationLink(citation) + meta(citation), MAX_SECTION_TEXT)));
        }
        if (shown < citations.size()) {
            elements.add(mrkdwn("and " + (citations.size() - shown) + " more: use Show sources"));
        }
        return Optional.of(context(elements));
    }

    private static Map<String, Object> context(List<Map<String, Object>> elements) {
        Map<String, Object> context = block("context");
        context.put("elements", elements);
        return context;
    }

    private static Map<String, Object> actions(String value) {
        String fitted = value == null ? "" : value.length() <= MAX_BUTTON_VALUE ? value : value.substring(0, MAX_BUTTON_VALUE);
        Map<String, Object> actions = block("actions");
        actions.put("block_id", ACTIONS_BLOCK);
        actions.put("elements", List.of(button(SHOW_SOURCES, "Show sources", fitted),
                button(FEEDBACK_UP, ":+1:", fitted), button(FEEDBACK_DOWN, ":-1:", fitted)));
        return actions;
    }

    private static Map<String, Object> button(String actionId, String label, String value) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("type", "button");
        button.put("action_id", actionId);
        button.put("text", Map.of("type", "plain_text", "text", label, "emoji", true));
        button.put("value", value);
        return button;
    }

    private static String fallback(String answer, List<ConflictView> conflicts) {
        StringBuilder text = new StringBuilder(escape(answer));
        if (conflicts != null) {
            for (ConflictView conflict : conflicts) {
                if (!"conflict".equals(conflict.status()) || conflict.figures() == null) {
                    continue;
                }
                text.append("\nSources disagree on ").append(escape(orEmpty(conflict.measure()))).append(": ");
                text.append(String.join("; ", conflict.figures().stream()
                        .map(f -> escape(orEmpty(f.value())) + " (" + escape(who(f)) + ")").toList()));
            }
        }
        return fit(text.toString(), MAX_FALLBACK_TEXT);
    }

    /** Who gave a figure: its attribution, else the outlet of its earliest article. */
    private static String who(FigureView figure) {
        if (blankToNull(figure.attribution()) != null) {
            return figure.attribution();
        }
        return figure.sources() == null ? "unattributed" : figure.sources().stream().map(Source::outlet)
                .filter(o -> blankToNull(o) != null).findFirst().orElse("unattributed");
    }

    /** Replaces each [n] that names a citation with a link to its article, when the article has a URL. */
    private static String linkCitations(String escaped, Map<Integer, Citation> citations) {
        Matcher marker = MARKER.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (marker.find()) {
            Citation citation = citations.get(Integer.parseInt(marker.group(1)));
            String url = citation == null ? null : linkUrl(citation.url());
            marker.appendReplacement(out, Matcher.quoteReplacement(url == null ? marker.group() : "<" + url + "|" + marker.group() + ">"));
        }
        marker.appendTail(out);
        return out.toString();
    }

    /** The bare [n], linked to its article when it has an address. */
    private static String citationMarker(Citation citation) {
        String url = linkUrl(citation.url());
        return url == null ? "[" + citation.n() + "]" : "<" + url + "|[" + citation.n() + "]>";
    }

    /** The article's title, else its outlet, else "untitled": an article id means nothing to a reader. */
    private static String name(Citation citation) {
        return blankToNull(citation.title()) != null ? citation.title()
                : blankToNull(citation.outlet()) != null ? citation.outlet() : "untitled";
    }

    private static String citationLink(Citation citation) {
        String label = "[" + citation.n() + "] " + escape(name(citation)).replace("|", "¦");
        String url = linkUrl(citation.url());
        return url == null ? label : "<" + url + "|" + label + ">";
    }

    private static String meta(Citation citation) {
        StringBuilder meta = new StringBuilder();
        if (blankToNull(citation.title()) != null && blankToNull(citation.outlet()) != null) {
            meta.append(" — ").append(escape(citation.outlet()));
        }
        if (blankToNull(citation.publishedAt()) != null) {
            meta.append(meta.isEmpty() ? " — " : ", ").append(escape(citation.publishedAt()));
        }
        return meta.toString();
    }

    /** A URL usable inside {@code <url|label>}: http(s) only, with the characters that would end the link encoded. */
    private static String linkUrl(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_LINK_URL
                || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return null;
        }
        return url.strip().replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
                .replace(" ", "%20");
    }

    private static String statusLabel(String status) {
        return switch (status == null ? "" : status) {
            case "conflict" -> ":warning: sources disagree";
            case "consistent" -> ":white_check_mark: sources agree";
            case "single-source" -> "one source";
            default -> escape(orEmpty(status));
        };
    }

    private static List<Map<String, Object>> fitBlocks(List<Map<String, Object>> blocks, int room, String note) {
        if (room <= 0) {
            return List.of();
        }
        if (blocks.size() <= room) {
            return blocks;
        }
        List<Map<String, Object>> kept = new ArrayList<>(blocks.subList(0, room - 1));
        kept.add(section(note));
        return kept;
    }

    private static Map<Integer, Citation> byNumber(List<Citation> citations) {
        Map<Integer, Citation> byNumber = new LinkedHashMap<>();
        if (citations != null) {
            citations.forEach(citation -> byNumber.putIfAbsent(citation.n(), citation));
        }
        return byNumber;
    }

    private static List<String> pieces(String text, Pattern boundary) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = boundary.matcher(text);
        int start = 0;
        while (matcher.find()) {
            if (matcher.end() > start) {
                pieces.add(text.substring(start, matcher.end()));
                start = matcher.end();
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    /** A cut at or before {@code limit} that is not inside a [n] marker, a {@code <link>} or an {@code &entity;}. */
    private static int safeCut(String word, int limit) {
        int cut = limit;
        for (char[] pair : new char[][] { { '[', ']' }, { '<', '>' }, { '&', ';' } }) {
            int open = word.lastIndexOf(pair[0], cut - 1);
            if (open > 0 && word.lastIndexOf(pair[1], cut - 1) < open && word.indexOf(pair[1], open) >= cut) {
                cut = open;
            }
        }
        return cut;
    }

    private static void flush(StringBuilder current, List<String> parts) {
        String part = current.toString().strip();
        if (!part.isEmpty()) {
            parts.add(part);
        }
        current.setLength(0);
    }

    private static Map<String, Object> section(String text) {
        Map<String, Object> section = block("section");
        section.put("text", mrkdwn(text));
        return section;
    }

    private static Map<String, Object> header(String text) {
        Map<String, Object> header = block("header");
        header.put("text", Map.of("type", "plain_text", "text", text, "emoji", true));
        return header;
    }

    private static Map<String, Object> divider() {
        return block("divider");
    }

    private static Map<String, Object> mrkdwn(String text) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("type", "mrkdwn");
        element.put("text", text);
        return element;
    }

    private static Map<String, Object> block(String type) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", type);
        return block;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
