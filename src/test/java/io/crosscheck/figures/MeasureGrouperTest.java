package io.crosscheck.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/** Grouping with the service's own embedding model, on short stories in topics the rules were not tuned on. */
class MeasureGrouperTest {

    private static EmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        model = new BgeSmallEnV15QuantizedEmbeddingModel();
    }

    private static List<Measure> group(Object... idDateText) {
        List<CorpusFigure> figures = new ArrayList<>();
        for (int i = 0; i < idDateText.length; i += 3) {
            String id = (String) idDateText[i];
            LocalDate date = (LocalDate) idDateText[i + 1];
            for (ExtractedFigure figure : FigureExtractor.extract((String) idDateText[i + 2], date)) {
                figures.add(new CorpusFigure(id, "title " + id, "outlet " + id, date, figure));
            }
        }
        return new MeasureGrouper(model).group(figures);
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
