package io.crosscheck.stories;

/**
 * Fired inside the transaction in which an article joins or leaves a story, so that the story's analysis is queued
 * atomically with the change; {@code AFTER_SUCCESS} observers may start the analysis.
 */
public record StoryChanged(long storyId) {
}
