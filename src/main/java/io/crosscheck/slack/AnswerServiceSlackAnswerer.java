package io.crosscheck.slack;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.crosscheck.answer.ChatResponse;
import io.crosscheck.answer.ChatResponse.Citation;
import io.crosscheck.ingest.Article;
import io.crosscheck.retrieval.ChunkIndex;
import io.crosscheck.retrieval.IndexedChunk;
import io.crosscheck.retrieval.SearchService;
import io.crosscheck.text.SentenceSplitter;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers Slack questions through the answer layer; a Slack thread's key is mapped to the Crosscheck conversation
 * it continues.
 */
@ApplicationScoped
public class AnswerServiceSlackAnswerer implements SlackAnswerer {

    private static final int PASSAGES = 5;

    private final SearchService search;

    public AnswerServiceSlackAnswerer(SearchService search) {
        this.search = search;
    }

    @Override
    public ChatResponse answer(String question, String conversationKey) {
        String conversationId = QuarkusTransaction.requiringNew().call(() -> SlackConversation.<SlackConversation> findByIdOptional(
                conversationKey).map(c -> c.conversationId).orElse(null));
        ChatResponse response = ask(question, conversationId);
        if (conversationId == null) {
            remember(conversationKey, response.conversationId());
        }
        return response;
    }

    // replaced by AnswerService delegation on merge: return answers.ask(question, conversationId);
    // until then: the best sentence of each retrieved passage, cited, without conflicts
    private ChatResponse ask(String question, String conversationId) {
        List<ChunkIndex.Hit> hits = search.search(question, PASSAGES);
        Set<String> terms = terms(question);
        List<Citation> citations = new ArrayList<>();
        StringBuilder answer = new StringBuilder();
        for (ChunkIndex.Hit hit : hits) {
            IndexedChunk chunk = hit.chunk();
            String quote = bestSentence(chunk.text(), terms);
            if (quote.isBlank() || citations.stream().anyMatch(c -> c.quote().equals(quote))) {
                continue;
            }
            int n = citations.size() + 1;
            citations.add(new Citation(n, chunk.articleId(), chunk.title(), chunk.outlet(), chunk.url(),
                    chunk.publishedAt() == null ? null : chunk.publishedAt().toString(), quote));
            answer.append(answer.isEmpty() ? "" : " ").append(quote).append(" [").append(n).append("]");
        }
        return new ChatResponse(conversationId == null ? UUID.randomUUID().toString() : conversationId,
                ChatResponse.EXTRACTIVE, answer.toString(), citations, List.of());
    }

    @Override
    public int sourceCount() {
        return (int) QuarkusTransaction.requiringNew().call(() -> Article.count()).longValue();
    }

    /** Links a thread to the conversation its first answer started; of two racing first questions, the first wins. */
    private static void remember(String conversationKey, String conversationId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (SlackConversation.findById(conversationKey) == null) {
                    SlackConversation conversation = new SlackConversation();
                    conversation.conversationKey = conversationKey;
                    conversation.conversationId = conversationId;
                    conversation.createdAt = OffsetDateTime.now();
                    conversation.persist();
                }
            });
        } catch (RuntimeException e) {
            Log.debugf("Conversation of %s already recorded: %s", conversationKey, e.getMessage());
        }
    }

    private static String bestSentence(String text, Set<String> terms) {
        return SentenceSplitter.split(text).stream().map(span -> span.of(text).strip())
                .max(Comparator.comparingLong(sentence -> terms(sentence).stream().filter(terms::contains).count()))
                .orElse("");
    }

    private static Set<String> terms(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(t -> t.length() > 3)
                .collect(Collectors.toSet());
    }
}
