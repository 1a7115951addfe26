package io.crosscheck.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * Grouping on short stories in topics the rules were not tuned on. The stand-in model takes "dogs" and "zebras", and
 * "people" and "residents", for alike, as bge-small does (cosine above the 0.70 threshold), so that what keeps them
 * apart or together is the grouping rule and not the model. (The real model cannot be loaded here: its native
 * tokenizer may already be loaded by a Quarkus test in the same JVM.)
 */
class MeasureGrouperTest {

    private static final EmbeddingModel model = new WordOverlapEmbeddingModel(Map.of("dogs", "zebras", "residents", "people"));

    private static List<Measure> group(Object... idDateText) {
        List<CorpusFigure> figures = new ArrayList<>();
        for (int i = 0; i < idDateText.length; i += 3) {
            String id = (String) idDateText[i];
            LocalDate date = (LocalDate) idDateText[i + 1];
            for (ExtractedFigure figure : FigureExtractor.extract((String) idDateText[i + 2], date)) {
                figures.add(new CorpusFigure(id, "title " + id, "outlet " + id, date, figure));
            }
        }
        // shared words under-rate how alike two sentences about one event are, next to bge-small, hence a lower
        // context threshold than the service's 0.56
        return new MeasureGrouper(model, MeasureGrouper.DEFAULT_THRESHOLD, 0.3).group(figures);
    }

    private static List<Measure> holding(List<Measure> measures, String span) {
        return measures.stream().filter(m -> m.figures().stream().anyMatch(f -> f.figure().span().equals(span))).toList();
    }

    @Test
    void figuresThatCountDifferentThingsAreNeverOneMeasure() {
        List<Measure> measures = group(
                "a", LocalDate.of(2025, 4, 7), "Keepers said 77 zebras escaped from the safari park on Sunday.",
                "b", LocalDate.of(2025, 4, 7), "Neighbours said 4 dogs barked through the night, and 15 dogs barked again at dawn.");
        List<Measure> zebras = holding(measures, "77");
        assertEquals(1, zebras.size(), measures.toString());
        assertEquals(1, zebras.get(0).figures().size(), zebras.toString());
        assertEquals("zebras escaped", zebras.get(0).label());
    }

    @Test
    void oneStorysDeathsAreOneMeasure() {
        List<Measure> measures = group(
                "a", LocalDate.of(2025, 9, 2), "At least 41 people died in the floods, the health ministry said.",
                "b", LocalDate.of(2025, 9, 3), "Officials have confirmed 45 deaths in the floods.",
                "c", LocalDate.of(2025, 9, 3), "The floods have killed 44 residents of the valley, the regional governor said.");
        List<Measure> killed = measures.stream().filter(m -> "killed".equals(m.event())).toList();
        assertEquals(1, killed.size(), measures.toString());
        assertEquals(3, killed.get(0).figures().size(), killed.toString());
    }
}
