package io.crosscheck.ingest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.crosscheck.config.Limits;
import io.crosscheck.text.TextCleaner;

/**
 * JSON body of {@code POST /api/articles}. Only {@code text} is required; metadata not given is read from the text.
 * Lengths are checked by {@link ArticleService}, for every way an article arrives.
 */
public record ArticleRequest(
        @Schema(description = "Article id: file-name-like, 1-200 of [A-Za-z0-9._-]; derived from the content when absent") String id,
        @Schema(maxLength = Limits.TITLE) String title,
        @Schema(maxLength = Limits.OUTLET) String outlet,
        @Schema(maxLength = Limits.URL) String url,
        @Schema(description = "ISO date or date-time", example = "2025-02-07") String publishedAt,
        @Schema(required = true, description = "Article body: plain text, Markdown or HTML") String text) {

    /** The article to ingest: HTML when the text looks like HTML, else plain text; the date parsed (400 if invalid). */
    ArticleInput toInput() {
        TextCleaner.Format format = text != null && TextCleaner.looksLikeHtml(text) ? TextCleaner.Format.HTML
                : TextCleaner.Format.TEXT;
        return new ArticleInput(id, title, outlet, url, ArticleDates.parse(publishedAt), text, format, Article.Origin.UPLOAD);
    }
}
