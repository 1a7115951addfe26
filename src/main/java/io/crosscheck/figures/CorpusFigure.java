package io.crosscheck.figures;

import java.time.LocalDate;

/** A figure together with the article it was extracted from. */
public record CorpusFigure(String articleId, String articleTitle, String outlet, LocalDate articleDate,
        ExtractedFigure figure) {
}
