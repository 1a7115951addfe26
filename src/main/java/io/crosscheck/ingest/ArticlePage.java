package io.crosscheck.ingest;

import java.util.List;

/** One page of the article list. */
public record ArticlePage(List<ArticleView> items, int page, int size, long total) {
}
