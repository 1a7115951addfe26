package io.crosscheck.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Test-only observer standing in for a downstream step (such as figure extraction) that fails while an article is
 * being stored: the whole article must then be rolled back.
 */
@ApplicationScoped
public class FailingFigureObserver {

    public static final String FAIL_TITLE = "please fail while storing";

    void onStored(@Observes ArticleStored event) {
        if (FAIL_TITLE.equals(event.article().title)) {
            throw new IllegalStateException("simulated failure after the article rows were written");
        }
    }
}
