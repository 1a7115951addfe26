package io.crosscheck.figures;

import java.util.List;

/**
 * Figures from one or more articles of one story that quantify the same thing, as grouping found them.
 *
 * @param id     a slug of the measure's key ("killed-soldiers"); analysis gives the persisted measure its stable id
 * @param label  what is measured, in words ("North Korean soldiers killed")
 * @param event  the event class the figures quantify, or null when only the counted noun is known
 */
public record Measure(String id, String label, String event, List<CorpusFigure> figures) {
}
