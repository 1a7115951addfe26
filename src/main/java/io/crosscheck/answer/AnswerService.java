package io.crosscheck.answer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.conversation.ConversationService;
import io.crosscheck.database.DatabaseStatus;
import io.crosscheck.ingest.Article;
import io.crosscheck.retrieval.ChunkIndex;
import io.crosscheck.retrieval.IndexedChunk;
import io.crosscheck.retrieval.SearchService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a question: reads it in its conversation, retrieves passages, takes the conflicting figures from the figure
 * store (never from a model), and composes the answer extractively or, when configured, with the language model,
 * whose output is then held to the cited passages.
 */
@ApplicationScoped
public class AnswerService {

    static final String FALLBACK_NOTE = "Note: the language model did not answer, so this is the extractive answer.";

    private final SearchService search;
    private final MeasureSelector measures;
    private final ConversationService conversations;
    private final LlmAnswerService llm;
    private final CrosscheckConfig.Answer config;
    private final boolean llmEnabled;
    private final ExtractiveAnswerer extractive = new ExtractiveAnswerer();
    private final Counter fallbacks;
    private final DatabaseStatus database;

    public AnswerService(SearchService search, MeasureSelector measures, ConversationService conversations,
            LlmAnswerService llm, CrosscheckConfig config, MeterRegistry registry, DatabaseStatus database) {
        this.search = search;
        this.database = database;
        this.measures = measures;
        this.conversations = conversations;
        this.llm = llm;
        this.config = config.answer();
        this.llmEnabled = config.answer().llm();
        this.fallbacks = Counter.builder("crosscheck.llm.fallbacks").description("Answers that fell back to extractive")
                .register(registry);
    }

    public boolean llmEnabled() {
        return llmEnabled;
    }

    /** Number of articles an answer draws on. */
    public long sourceCount() {
        return QuarkusTransaction.requiringNew().call(() -> Article.count());
    }

    /**
     * Answers within the caller's conversation, or starts one owned by the caller (null: anonymous) when
     * {@code conversationId} is null; a conversation the caller may not see is a 404.
     */
    public ChatResponse ask(String question, String conversationId, String caller) {
        Prepared prepared = prepare(question, conversationId, caller);
        if (!llmEnabled) {
            return finish(prepared, prepared.draft().answer(), ChatResponse.EXTRACTIVE);
        }
        try {
            String raw = llm.answer(prepared.passages(), prepared.history(), question).toCompletableFuture().join();
            return finishLlm(prepared, raw);
        } catch (CompletionException e) {
            return fallback(prepared, e.getCause() instanceof RuntimeException cause ? cause : e);
        } catch (RuntimeException e) {
            return fallback(prepared, e);
        }
    }

    /**
     * Streams partial text in LLM mode (each piece to {@code partial}) and returns the final, validated response; in
     * extractive mode nothing partial is sent.
     */
    public ChatResponse askStreaming(String question, String conversationId, String caller, Consumer<String> partial) {
        Prepared prepared = prepare(question, conversationId, caller);
        if (!llmEnabled) {
            return finish(prepared, prepared.draft().answer(), ChatResponse.EXTRACTIVE);
        }
        try {
            StringBuilder raw = new StringBuilder();
            llm.stream(prepared.passages(), prepared.history(), question).subscribe().asStream().forEach(token -> {
                raw.append(token);
                partial.accept(token);
            });
            return finishLlm(prepared, raw.toString());
        } catch (RuntimeException e) {
            return fallback(prepared, e);
        }
    }

    /** Refuses, before any work, a conversation the caller may not continue. */
    public void checkConversation(String conversationId, String caller) {
        if (conversationId != null) {
            conversations.history(conversationId, caller);
        }
    }

    private record Prepared(String question, String conversationId, String caller, String retrievalQuery,
            List<ConversationService.Turn> history, ExtractiveAnswer draft, Citations passages, boolean analysisPending) {
    }

    private Prepared prepare(String question, String conversationId, String caller) {
        List<ConversationService.Turn> history = conversationId == null ? List.of()
                : conversations.history(conversationId, caller);
        ConversationService.Turn previous = history.isEmpty() ? null : history.get(history.size() - 1);
        String retrievalQuery = previous == null ? question
                : Questions.retrievalQuery(question, previous.question(), previous.retrievalQuery());
        List<ChunkIndex.Hit> retrieved = search.search(retrievalQuery, config.passages());
        MeasureSelector.Selection selection = measures.forQuestion(question, retrievalQuery, retrieved, config.maxMeasures());
        // passages of a story the answer does not draw on would quote one story's figures as another's
        List<ChunkIndex.Hit> hits = retrieved.stream().filter(h -> selection.answersFrom(h.chunk().articleId())).toList();
        // when, why and who-said questions are answered by sentences; a figures block beside them answers nothing asked
        List<ChatResponse.ConflictView> shown = Questions.kind(question).showsFigures() ? selection.conflicts() : List.of();
        Map<String, SourceArticle> articles = articles(hits, shown);
        ExtractiveAnswer draft = extractive.answer(question, retrievalQuery, hits, shown, articles);
        Citations passages = draft.citations();
        if (llmEnabled) {
            for (ChunkIndex.Hit hit : hits) {
                IndexedChunk c = hit.chunk();
                SourceArticle source = articles.get(c.articleId());
                passages.cite(c.articleId(), source.title(), source.outlet(), source.url(), source.publishedAt(), c.text());
            }
        }
        return new Prepared(question, conversationId, caller, retrievalQuery, history, draft, passages, selection.analysisPending());
    }

    private ChatResponse finishLlm(Prepared prepared, String raw) {
        AnswerValidator.Result checked = AnswerValidator.validate(raw, prepared.passages());
        if (!checked.removedMarkers().isEmpty() || !checked.removedSentences().isEmpty()) {
            Log.infof("LLM answer corrected: removed citation markers %s and %d sentences with unsupported numbers",
                    checked.removedMarkers(), checked.removedSentences().size());
        }
        if (checked.answer().isBlank()) {
            return fallback(prepared, new IllegalStateException("nothing of the model's answer survived validation"));
        }
        return finish(prepared, checked.answer(), ChatResponse.LLM);
    }

    private ChatResponse fallback(Prepared prepared, RuntimeException cause) {
        fallbacks.increment();
        Log.warnf("Language model unavailable, answering extractively: %s", cause.toString());
        return finish(prepared, FALLBACK_NOTE + "\n\n" + prepared.draft().answer(), ChatResponse.EXTRACTIVE);
    }

    /**
     * Stores the turn when the database takes it; the answer is given either way, saying whether it was stored. The
     * stored answer carries the numbers the response shows.
     */
    private ChatResponse finish(Prepared prepared, String answer, String mode) {
        Citations.Numbered numbered = prepared.passages().renumber(answer, prepared.draft().conflicts());
        String id = prepared.conversationId();
        boolean stored = false;
        if (database.writable()) {
            try {
                id = conversations.append(prepared.conversationId(), prepared.caller(), prepared.question(),
                        prepared.retrievalQuery(), numbered.answer(), mode);
                stored = true;
            } catch (RuntimeException e) {
                if (database.report(e).isEmpty()) {
                    throw e;
                }
                Log.warnf("Answered without storing the turn: %s", e.getMessage());
            }
        }
        return new ChatResponse(id, mode, numbered.answer(), numbered.citations(), numbered.conflicts(),
                prepared.analysisPending(), stored);
    }

    private static Map<String, SourceArticle> articles(List<ChunkIndex.Hit> hits, List<ChatResponse.ConflictView> measures) {
        Set<String> ids = new LinkedHashSet<>();
        hits.forEach(h -> ids.add(h.chunk().articleId()));
        measures.forEach(m -> m.figures().forEach(f -> f.sources().forEach(s -> ids.add(s.articleId()))));
        Map<String, SourceArticle> byId = new LinkedHashMap<>();
        QuarkusTransaction.requiringNew().run(() -> Article.<Article> list("id in ?1", new ArrayList<>(ids))
                .forEach(a -> byId.put(a.id, new SourceArticle(a.id, a.title, a.outlet, a.url, a.publishedAt))));
        return byId;
    }
}
