package io.crosscheck.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CitationsTest {

    @Test
    void citationsInUseAreNumberedFromOneInTheOrderTheAnswerThenTheConflictsShowThem() {
        Citations citations = new Citations();
        for (int i = 1; i <= 9; i++) {
            citations.cite("a" + i, null, null, null, null, "quote " + i);
        }
        ChatResponse.FigureView figure = new ChatResponse.FigureView("300", 300.0, 300.0, "soldiers", null, "a2", "quote 2", 2,
                false, null, List.of(new ChatResponse.Source("a2", null, 2), new ChatResponse.Source("a5", null, null)));
        ChatResponse.ConflictView conflict = new ChatResponse.ConflictView("m", "killed", "single", null, 1L, "story",
                List.of(figure));

        Citations.Numbered numbered = citations.renumber("“Quote eight.” [8] and [9]; again [8].", List.of(conflict));

        assertEquals("“Quote eight.” [1] and [2]; again [1].", numbered.answer());
        assertEquals(List.of(1, 2, 3), numbered.citations().stream().map(ChatResponse.Citation::n).toList());
        assertEquals(List.of("a8", "a9", "a2"), numbered.citations().stream().map(ChatResponse.Citation::articleId).toList());
        ChatResponse.FigureView renumbered = numbered.conflicts().get(0).figures().get(0);
        assertEquals(3, renumbered.n());
        assertEquals(3, renumbered.sources().get(0).n());
        assertEquals(null, renumbered.sources().get(1).n());
    }

    @Test
    void aMarkerNamingNoCitationIsLeftAsItIs() {
        Citations citations = new Citations();
        citations.cite("a", null, null, null, null, "q");
        assertEquals("x [1] [7]", citations.renumber("x [1] [7]", List.of()).answer());
    }
}
