package io.crosscheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.crosscheck.answer.ChatResponse;
import io.crosscheck.answer.ChatResponse.Citation;
import io.crosscheck.answer.ChatResponse.ConflictView;
import io.crosscheck.answer.ChatResponse.FigureView;
import io.crosscheck.answer.ChatResponse.Source;

class SlackMessageRendererTest {

    private final SlackMessageRenderer renderer = new SlackMessageRenderer();

    /** The seed question's answer as the answer layer shapes it: sources disagree on the death toll. */
    static ChatResponse casualtyAnswer() {
        List<Citation> citations = List.of(
                new Citation(1, "002_05c747f735962a3e", "North Korean Troops Withdrawn from Ukraine Frontlines Amid Heavy Losses",
                        "PRESSAI", "https://example.org/pressai/withdrawn", "2025-02-07",
                        "Intelligence reports indicate that approximately 300 North Korean soldiers were killed."),
                new Citation(2, "003_2b5076e200270314", "North Korea's troops in Russia", "Wire & Co <Intl>",
                        "https://example.org/wire?id=3&lang=en", "2025-01-20",
                        "U.S. and Ukrainian intelligence officials put losses as high as 4,000 killed and wounded."));
        ConflictView killed = new ConflictView("nk-killed", "North Korean soldiers killed", "conflict",
                "Sources disagree: from about 300 killed to as high as 4,000 killed and wounded.", 1L, "North Korean troops in Kursk",
                List.of(new FigureView("approximately 300", 300.0, null, "soldiers", "intelligence reports",
                        "002_05c747f735962a3e", citations.get(0).quote(), 1, false, "2025-02-07",
                        List.of(new Source("002_05c747f735962a3e", "PRESSAI", 1), new Source("004_910e0e496c3bfacc", "World Today News", null),
                                new Source("003_2b5076e200270314", "Wire & Co <Intl>", 2))),
                        new FigureView("as high as 4,000 killed and wounded", null, 4000.0, "soldiers",
                                "U.S. and Ukrainian intelligence officials", "003_2b5076e200270314", citations.get(1).quote(), 2,
                                false, "2025-01-20", List.of(new Source("003_2b5076e200270314", "Wire & Co <Intl>", 2)))));
        return new ChatResponse("conv-1", ChatResponse.EXTRACTIVE,
                "Sources disagree: about 300 North Korean soldiers were killed [1], while U.S. & Ukrainian officials put losses "
                        + "as high as 4,000 killed and wounded [2].",
                citations, List.of(killed), false);
    }

    @Test
    void rendersTheAnswerWithCitationLinksConflictingFiguresSourcesAndButtons() {
        SlackMessage message = renderer.answer(casualtyAnswer(), "7|T1:C1:1.2");
        String blocks = message.blocks().toString();
        assertTrue(blocks.contains("killed <https://example.org/pressai/withdrawn|[1]>"), blocks);
        assertTrue(blocks.contains("<https://example.org/wire?id=3&amp;lang=en|[2]>"), blocks);
        assertTrue(blocks.contains("U.S. &amp; Ukrainian"), blocks);
        assertTrue(blocks.contains("Conflicting figures"), blocks);
        assertTrue(blocks.contains("*approximately 300*\nintelligence reports\n<https://example.org/pressai/withdrawn|[1] North Korean Troops"),
                blocks);
        assertTrue(blocks.contains("*as high as 4,000 killed and wounded*\nU.S. and Ukrainian intelligence officials"), blocks);
        assertTrue(blocks.contains("Wire &amp; Co &lt;Intl&gt;"), "outlets are escaped: " + blocks);
        Map<String, Object> actions = message.blocks().get(message.blocks().size() - 1);
        assertEquals("actions", actions.get("type"));
        assertTrue(actions.toString().contains("action_id=show_sources") && actions.toString().contains("action_id=feedback_up")
                && actions.toString().contains("action_id=feedback_down") && actions.toString().contains("value=7|T1:C1:1.2"));
        assertEquals("context", message.blocks().get(message.blocks().size() - 2).get("type"));
        assertTrue(message.text().contains("Sources disagree on North Korean soldiers killed: approximately 300 (intelligence reports)"),
                message.text());
        assertLimits(message);
    }

    @Test
    void eachDistinctFigureSaysWhoGaveItAndHowManyOtherArticlesRepeatIt() {
        String blocks = renderer.answer(casualtyAnswer(), "1|k").blocks().toString();
        assertTrue(blocks.contains("*approximately 300*\nintelligence reports\n<https://example.org/pressai/withdrawn|[1] North Korean Troops "
                + "Withdrawn from Ukraine Frontlines Amid Heavy Losses>, as of 2025-02-07\nalso in 2 other articles "
                + "<https://example.org/wire?id=3&amp;lang=en|[2]>"), "repeats are counted, a cited one is linked: " + blocks);
        assertFalse(blocks.contains("as of 2025-01-20\nalso in"), "a figure only its own article reports says nothing more: " + blocks);
        assertEquals(1, count(blocks, "*approximately 300*"), "a figure is listed once however many articles repeat it");
    }

    @Test
    void everyMeasureNamesItsStory() {
        ChatResponse base = casualtyAnswer();
        ConflictView other = new ConflictView("evacuated-2.1", "residents evacuated", "single-source", null, 2L,
                "Floods in the river valley", List.of(new FigureView("about 1,200", 1200.0, 1200.0, "residents", null, "a9", "q",
                        null, false, null, List.of(new Source("a9", "Valley Courier", null)))));
        List<ConflictView> conflicts = new ArrayList<>(base.conflicts());
        conflicts.add(other);
        String blocks = renderer.answer(new ChatResponse("c", "extractive", base.answer(), base.citations(), conflicts, false), "1|k")
                .blocks().toString();
        assertTrue(blocks.contains("*North Korean soldiers killed* · :warning: sources disagree\nStory: North Korean troops in Kursk\n"), blocks);
        assertTrue(blocks.contains("*residents evacuated* · one source\nStory: Floods in the river valley"), blocks);
        assertTrue(blocks.contains("*about 1,200*\nValley Courier"), "an uncited figure is named by its outlet: " + blocks);
        assertFalse(blocks.contains("a9"), "never by its article id: " + blocks);
    }

    @Test
    void aPendingAnalysisIsSaidInAContextLine() {
        ChatResponse base = casualtyAnswer();
        SlackMessage pending = renderer.answer(new ChatResponse("c", "extractive", base.answer(), base.citations(), base.conflicts(), true),
                "1|k");
        Map<String, Object> note = pending.blocks().get(pending.blocks().size() - 3);
        assertEquals("context", note.get("type"));
        assertTrue(note.toString().contains("still being analysed"), note.toString());
        assertLimits(pending);
        assertFalse(renderer.answer(base, "1|k").blocks().toString().contains("still being analysed"));
    }

    @Test
    void anArticleWithoutTitleOrOutletIsCalledUntitled() {
        Citation bare = new Citation(1, "003_2b5076e200270314", null, null, null, null, "U.S. officials put losses as high as 4,000.");
        ChatResponse response = new ChatResponse("c", "extractive", "Losses may be as high as 4,000 [1].", List.of(bare), List.of(), false);
        String blocks = renderer.answer(response, "1|k").blocks().toString() + renderer.sources(response).blocks();
        assertTrue(blocks.contains("[1] untitled"), blocks);
        assertFalse(blocks.contains("003_2b5076e200270314") || blocks.contains("null"), blocks);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void escapesMrkdwnControlCharacters() {
        assertEquals("a &amp;lt; b &lt;@U123&gt; &amp; c &gt; d", SlackMessageRenderer.escape("a &lt; b <@U123> & c > d"));
        SlackMessage message = renderer.text("<!channel> ping & <https://evil.example|click>");
        assertFalse(message.blocks().toString().contains("<!channel>"));
        assertFalse(message.text().contains("<"));
    }

    @Test
    void longAnswersAreSplitBetweenSentencesNeverInsideACitation() {
        StringBuilder answer = new StringBuilder();
        List<Citation> citations = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            citations.add(new Citation(n, "a" + n, "Title " + n, "Outlet", n % 2 == 0 ? "https://example.org/article/" + n : null,
                    "2025-01-01", "quote " + n));
        }
        for (int i = 0; i < 4000; i++) {
            answer.append("Sentence number ").append(i).append(" reports 1,").append(100 + i).append(" people")
                    .append(" [").append(i % 40 + 1).append("]").append(i % 3 == 0 ? ". " : " and [12]. ");
        }
        ChatResponse response = new ChatResponse("c", "extractive", answer.toString(), citations, List.of(), false);
        SlackMessage message = renderer.answer(response, "1|k");
        assertLimits(message);
        for (Map<String, Object> block : message.blocks()) {
            if ("section".equals(block.get("type"))) {
                String text = sectionText(block);
                assertFalse(text.matches("(?s).*\\[\\d*") || text.matches("(?s)^\\d*\\].*") || text.matches("(?s).*<[^>]*"),
                        "cut inside a marker: …" + text.substring(Math.max(0, text.length() - 40)));
            }
        }
        assertTrue(message.blocks().toString().contains("The answer continues"), "the overflow is announced");
    }

    @Test
    void splitPrefersSentenceBoundariesAndKeepsMarkersWhole() {
        String text = "First sentence about 300 soldiers [1]. Second one [12]. Third.";
        assertEquals(List.of("First sentence about 300 soldiers [1].", "Second one [12]. Third."),
                SlackMessageRenderer.split(text, 40));
        for (int limit = 5; limit < 30; limit++) {
            for (String part : SlackMessageRenderer.split("x".repeat(limit - 3) + "[12]yyyy[3] zz", limit)) {
                assertTrue(part.length() <= limit);
                Matcher open = Pattern.compile("\\[\\d*$").matcher(part);
                assertFalse(open.find(), limit + ": " + part);
            }
        }
    }

    @Test
    void manyMeasuresAndFiguresStayWithinTheLimits() {
        ChatResponse base = casualtyAnswer();
        List<ConflictView> conflicts = new ArrayList<>();
        for (int m = 0; m < 70; m++) {
            List<FigureView> figures = new ArrayList<>();
            for (int f = 0; f < (m % 2 == 0 ? 14 : 4); f++) {
                figures.add(new FigureView("about " + (f + 1) * 100 + " " + "very long value ".repeat(m == 3 ? 300 : 1), null, null,
                        null, "officials " + f, "002_05c747f735962a3e", "q", 1, f == 0, null, List.of()));
            }
            conflicts.add(new ConflictView("m" + m, "Measure " + m, m % 3 == 0 ? "conflict" : "consistent",
                    "summary ".repeat(m == 5 ? 800 : 3), 1L, "Story", figures));
        }
        SlackMessage message = renderer.answer(new ChatResponse("c", "extractive", "x [1]. ".repeat(2000), base.citations(), conflicts, false),
                "v".repeat(3000));
        assertLimits(message);
        assertTrue(message.blocks().toString().contains("More figures than fit"), "overflow is announced");
    }

    @Test
    void showSourcesListsEveryQuote() {
        SlackMessage sources = renderer.sources(casualtyAnswer());
        String blocks = sources.blocks().toString();
        assertTrue(blocks.contains(">Intelligence reports indicate that approximately 300 North Korean soldiers were killed."), blocks);
        assertTrue(blocks.contains(">U.S. and Ukrainian intelligence officials put losses as high as 4,000 killed and wounded."), blocks);
        assertFalse(sources.text().isBlank());
        assertLimits(sources);
    }

    @Test
    void anEmptyAnswerStillHasTextAndBlocks() {
        SlackMessage message = renderer.answer(new ChatResponse("c", "extractive", "  ", List.of(), List.of(), false), "1|k");
        assertFalse(message.text().isBlank());
        assertLimits(message);
    }

    @SuppressWarnings("unchecked")
    static void assertLimits(SlackMessage message) {
        assertFalse(message.text() == null || message.text().isBlank(), "fallback text");
        assertTrue(message.text().length() <= SlackMessageRenderer.MAX_FALLBACK_TEXT);
        assertTrue(message.blocks().size() <= SlackMessageRenderer.MAX_BLOCKS, "blocks: " + message.blocks().size());
        for (Map<String, Object> block : message.blocks()) {
            switch ((String) block.get("type")) {
                case "section" -> {
                    assertTrue(sectionText(block).length() <= SlackMessageRenderer.MAX_SECTION_TEXT, "section text");
                    List<Map<String, Object>> fields = (List<Map<String, Object>>) block.get("fields");
                    if (fields != null) {
                        assertTrue(fields.size() <= SlackMessageRenderer.MAX_FIELDS, "fields: " + fields.size());
                        fields.forEach(f -> assertTrue(((String) f.get("text")).length() <= SlackMessageRenderer.MAX_FIELD_TEXT));
                    }
                }
                case "context" -> {
                    List<Map<String, Object>> elements = (List<Map<String, Object>>) block.get("elements");
                    assertTrue(elements.size() <= SlackMessageRenderer.MAX_CONTEXT_ELEMENTS);
                    elements.forEach(e -> assertTrue(((String) e.get("text")).length() <= SlackMessageRenderer.MAX_SECTION_TEXT));
                }
                case "header" -> assertTrue(((String) ((Map<String, Object>) block.get("text")).get("text")).length() <= 150);
                case "actions" -> ((List<Map<String, Object>>) block.get("elements"))
                        .forEach(b -> assertTrue(((String) b.get("value")).length() <= SlackMessageRenderer.MAX_BUTTON_VALUE));
                default -> {
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String sectionText(Map<String, Object> block) {
        return (String) ((Map<String, Object>) block.get("text")).get("text");
    }
}
