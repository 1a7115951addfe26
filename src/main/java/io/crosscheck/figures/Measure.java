package io.crosscheck.figures;

import java.util.List;

/**
 * Figures from one or more articles that quantify the same thing.
 *
 * @param id     a stable slug of the measure's key ("killed-soldiers")
 * @param label  what is measured, in words ("North Korean soldiers killed")
 * @param event  the event class the figures quantify, or null when only the counted noun is known
 */
public record Measure(String id, String label, String event, List<CorpusFigure> figures) {
}
