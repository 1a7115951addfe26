package io.crosscheck.text;

import java.time.LocalDate;

/**
 * Article text after cleaning, with the metadata the text itself states. A field is null when the text does not
 * state it: metadata is never guessed.
 */
public record CleanedText(String text, String title, String outlet, LocalDate publishedAt) {
}
