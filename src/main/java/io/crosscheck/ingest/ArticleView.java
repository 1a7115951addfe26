package io.crosscheck.ingest;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An article as the API shows it, with its story once placed; {@code text} only in the single-article view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticleView(String id, String title, String outlet, String url, LocalDate publishedAt, String origin,
        int chunkCount, OffsetDateTime ingestedAt, Long storyId, String text) {

    public static ArticleView summary(Article article) {
        return new ArticleView(article.id, article.title, article.outlet, article.url, article.publishedAt,
                article.origin.name().toLowerCase(), article.chunkCount, article.ingestedAt, article.storyId, null);
    }

    public static ArticleView full(Article article) {
        return new ArticleView(article.id, article.title, article.outlet, article.url, article.publishedAt,
                article.origin.name().toLowerCase(), article.chunkCount, article.ingestedAt, article.storyId, article.text);
    }
}
