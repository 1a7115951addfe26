package io.crosscheck.answer;

import java.time.LocalDate;

/** The metadata a citation shows for an article. */
public record SourceArticle(String id, String title, String outlet, String url, LocalDate publishedAt) {

    /**
     * How an answer names the source: its outlet, else its title, else null; never a name with digits (an id, a
     * headline with a number), since they would pass for figures in the answer.
     */
    public String label() {
        if (outlet != null && !outlet.matches(".*\\d.*")) {
            return outlet;
        }
        return title != null && !title.matches(".*\\d.*") ? title : null;
    }
}
