package io.crosscheck.ingest;

import java.time.LocalDate;

import io.crosscheck.text.TextCleaner;

/** An article to ingest as it arrived: raw body plus whatever metadata the caller knows (each may be null). */
public record ArticleInput(String id, String title, String outlet, String url, LocalDate publishedAt, String body,
        TextCleaner.Format format, Article.Origin origin) {
}
