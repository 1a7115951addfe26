package io.crosscheck.slack;

import io.crosscheck.answer.ChatResponse;

/** What the Slack bot needs from the answer layer. */
public interface SlackAnswerer {

    /**
     * Answers a question within the conversation that a Slack thread stands for; the first question of a thread
     * starts the conversation, later ones continue it.
     */
    ChatResponse answer(String question, String conversationKey);

    /** Articles in the corpus, for the "Checking N sources…" acknowledgement. */
    int sourceCount();
}
