package io.crosscheck.ingest;

import io.crosscheck.problem.Causes;
import io.crosscheck.problem.ProblemException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.config.Limits;
import io.crosscheck.database.DatabaseStatus;
import io.crosscheck.embedding.EmbeddingService;
import io.crosscheck.text.CleanedText;
import io.crosscheck.text.Hashes;
import io.crosscheck.text.TextCleaner;
import io.crosscheck.text.WordPieceCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Cleans, chunks, embeds and stores articles, one transaction per article. What is derived from an article (figures,
 * its story, the search index) follows the {@link ArticleStored} and {@link ArticleRemoved} events. Ingestion is
 * idempotent: the same content is stored once whatever it is called.
 */
@ApplicationScoped
public class ArticleService {

    private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (Limits.ARTICLE_ID - 1) + "}");
    /** Enough stripes that unrelated ids seldom wait for each other at a few dozen concurrent writers. */
    private static final int ID_LOCK_STRIPES = 64;

    private final CrosscheckConfig config;
    private final EmbeddingService embeddings;
    private final Event<ArticleStored> stored;
    private final Event<ArticleRemoved> removed;
    private final Event<ArticleReembedded> reembedded;
    private final Chunker chunker;
    private final Counter chunksEmbedded;
    private final DatabaseStatus database;
    /**
     * Writes of one article id are serialised in this instance, commit and search-index update together: the index
     * follows each commit, and two replacements committed in one order must reach it in that order.
     */
    private final Lock[] idLocks = new Lock[ID_LOCK_STRIPES];

    public ArticleService(CrosscheckConfig config, EmbeddingService embeddings, Event<ArticleStored> stored,
            Event<ArticleRemoved> removed, Event<ArticleReembedded> reembedded, MeterRegistry registry,
            DatabaseStatus database) {
        this.config = config;
        this.database = database;
        Arrays.setAll(idLocks, i -> new ReentrantLock());
        this.embeddings = embeddings;
        this.stored = stored;
        this.removed = removed;
        this.reembedded = reembedded;
        CrosscheckConfig.Chunking sizes = config.chunking();
        this.chunker = new Chunker(sizes.minTokens(), sizes.targetTokens(), sizes.maxTokens(), sizes.overlapTokens(),
                ArticleService::countTokens);
        this.chunksEmbedded = Counter.builder("crosscheck.ingest.chunks").description("Chunks embedded and stored")
                .register(registry);
    }

    public static int countTokens(String text) {
        return WordPieceCounter.count(text);
    }

    /**
     * Refuses an article that no ingestion could store: the checks that need neither the database nor cleaning, so
     * that a bulk request can run them on every article before it accepts any.
     */
    public void validate(ArticleInput input) {
        if (input.body() == null || input.body().isBlank()) {
            throw new ProblemException(400, "Empty article", "the article text is empty; send at least one sentence");
        }
        if (input.body().length() > config.ingest().maxChars()) {
            throw new ProblemException(400, "Article too large", "the article has " + input.body().length()
                    + " characters; the limit crosscheck.ingest.max-chars is " + config.ingest().maxChars());
        }
        requireFits("title", input.title(), Limits.TITLE);
        requireFits("outlet", input.outlet(), Limits.OUTLET);
        requireFits("url", input.url(), Limits.URL);
        if (input.id() != null && !ID_PATTERN.matcher(input.id()).matches()) {
            throw new ProblemException(400, "Invalid article id",
                    "an id is 1-200 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public IngestResult ingest(ArticleInput input, boolean replace) {
        validate(input);
        database.requireWritable();
        CleanedText cleaned = TextCleaner.clean(input.body(), input.format());
        if (cleaned.text().isBlank()) {
            throw new ProblemException(400, "Empty article", "nothing is left of the article once page furniture is removed");
        }
        String hash = Hashes.sha256Hex(cleaned.text());
        String id = input.id() != null ? input.id() : hash.substring(0, 16);

        Optional<IngestResult> existing = QuarkusTransaction.requiringNew().call(() -> existing(id, hash, replace, input));
        if (existing.isPresent()) {
            return existing.get();
        }

        Article article = new Article();
        article.id = id;
        // what the text states is cut to fit its column; what the caller sent was checked above
        article.title = firstNonBlank(input.title(), Limits.fit(cleaned.title(), Limits.TITLE));
        article.outlet = firstNonBlank(input.outlet(), Limits.fit(cleaned.outlet(), Limits.OUTLET));
        article.url = TextCleaner.withoutControlCharacters(input.url());
        article.publishedAt = input.publishedAt() != null ? input.publishedAt() : cleaned.publishedAt();
        article.source = TextCleaner.withoutControlCharacters(input.body());
        article.sourceFormat = input.format();
        article.origin = input.origin();
        article.ingestedAt = OffsetDateTime.now(ZoneOffset.UTC);
        List<Chunk> chunks = withText(article, cleaned, hash);

        try {
            store(article, chunks, replace, null);
        } catch (RuntimeException e) {
            // a concurrent ingest of the same content or id won the race: answer as if it had come first
            Optional<IngestResult> winner = Causes.isConstraintViolation(e)
                    ? QuarkusTransaction.requiringNew().call(() -> existing(id, hash, false, input))
                    : Optional.empty();
            if (winner.isPresent()) {
                return winner.get();
            }
            throw e;
        }
        Log.debugf("Ingested %s: %d chunks", id, chunks.size());
        return new IngestResult(article, true);
    }

    /** What {@link #cleanAgain} did with one article. */
    public enum Recleaned {
        /** The current rules give the same text: only the version (and metadata the text now states) changed. */
        SAME_TEXT,
        /** The text changed: the article was stored again, with new chunks, figures, story and index entries. */
        STORED_AGAIN,
        /** Nothing to do: the article is gone, already current, or was replaced meanwhile. */
        SKIPPED
    }

    /**
     * Cleans a stored article again with the current rules, from the text as it was sent (else, for articles stored
     * before that was kept, from the stored text). A changed text replaces the article through the same events as an
     * ingest, keeping its id, metadata, origin and ingestion time; the replacement happens only if the article still
     * has the content that was read, so that a concurrent replacement by a caller wins.
     */
    public Recleaned cleanAgain(String id) {
        Article stale = QuarkusTransaction.requiringNew().call(() -> Article.<Article> findByIdOptional(id).orElse(null));
        if (stale == null || stale.cleanerVersion >= TextCleaner.VERSION) {
            return Recleaned.SKIPPED;
        }
        boolean fromSource = stale.source != null && stale.sourceFormat != null;
        CleanedText cleaned = TextCleaner.clean(fromSource ? stale.source : stale.text,
                fromSource ? stale.sourceFormat : TextCleaner.Format.TEXT);
        String hash = Hashes.sha256Hex(cleaned.text());
        boolean sameText = hash.equals(stale.contentHash);
        if (sameText || cleaned.text().isBlank() || QuarkusTransaction.requiringNew()
                .call(() -> Article.findByContentHash(hash).isPresent())) {
            // an empty text or another article's text is never stored: the article keeps the text it has
            boolean updated = QuarkusTransaction.requiringNew().call(() -> {
                Article current = Article.findById(id);
                if (current == null || !current.contentHash.equals(stale.contentHash)) {
                    return false;
                }
                current.cleanerVersion = TextCleaner.VERSION;
                if (sameText) {
                    current.title = current.title != null ? current.title : Limits.fit(cleaned.title(), Limits.TITLE);
                    current.outlet = current.outlet != null ? current.outlet : Limits.fit(cleaned.outlet(), Limits.OUTLET);
                    current.publishedAt = current.publishedAt != null ? current.publishedAt : cleaned.publishedAt();
                }
                return true;
            });
            return updated ? Recleaned.SAME_TEXT : Recleaned.SKIPPED;
        }
        Article article = new Article();
        article.id = stale.id;
        article.title = stale.title != null ? stale.title : Limits.fit(cleaned.title(), Limits.TITLE);
        article.outlet = stale.outlet != null ? stale.outlet : Limits.fit(cleaned.outlet(), Limits.OUTLET);
        article.url = stale.url;
        article.publishedAt = stale.publishedAt != null ? stale.publishedAt : cleaned.publishedAt();
        article.source = stale.source;
        article.sourceFormat = stale.sourceFormat;
        article.origin = stale.origin;
        article.ingestedAt = stale.ingestedAt;
        List<Chunk> chunks = withText(article, cleaned, hash);
        return store(article, chunks, true, stale.contentHash) ? Recleaned.STORED_AGAIN : Recleaned.SKIPPED;
    }

    /** Sets the article's cleaned text and returns its chunks, embedded. */
    private List<Chunk> withText(Article article, CleanedText cleaned, String hash) {
        List<Chunker.Piece> pieces = chunker.chunk(cleaned.text());
        List<float[]> vectors = embeddings.embedPassages(
                pieces.stream().map(piece -> cleaned.text().substring(piece.start(), piece.end())).toList());
        article.contentHash = hash;
        article.text = cleaned.text();
        article.cleanerVersion = TextCleaner.VERSION;
        article.chunkCount = pieces.size();
        List<Chunk> chunks = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            Chunker.Piece piece = pieces.get(i);
            Chunk chunk = new Chunk();
            chunk.article = article;
            chunk.ordinal = piece.ordinal();
            chunk.startOffset = piece.start();
            chunk.endOffset = piece.end();
            chunk.tokenCount = piece.tokens();
            chunk.text = cleaned.text().substring(piece.start(), piece.end());
            chunk.embedding = EmbeddingService.toBytes(vectors.get(i));
            chunk.embeddingModel = embeddings.modelName();
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * Stores the article and its chunks and tells the observers, first removing what has its id when replacing. With
     * an expected content hash, only an article with that content is replaced: nothing is stored when it is gone or
     * was replaced meanwhile.
     */
    private boolean store(Article article, List<Chunk> chunks, boolean replace, String expectedHash) {
        Lock lock = lockFor(article.id);
        lock.lock();
        try {
            boolean done = QuarkusTransaction.requiringNew().call(() -> {
                if (expectedHash != null) {
                    // locked, so that of two instances cleaning one article again the second sees the first's result
                    Article current = Article.findById(article.id, LockModeType.PESSIMISTIC_WRITE);
                    if (current == null || !current.contentHash.equals(expectedHash)) {
                        return false;
                    }
                }
                if (replace) {
                    remove(article.id);
                }
                article.persist();
                Chunk.persist(chunks);
                stored.fire(new ArticleStored(article, chunks));
                return true;
            });
            if (done) {
                chunksEmbedded.increment(chunks.size());
            }
            return done;
        } finally {
            lock.unlock();
        }
    }

    private static void requireFits(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new ProblemException(400, "Field too long", field + " has " + value.length() + " characters; the limit is " + max);
        }
    }

    private Optional<IngestResult> existing(String id, String hash, boolean replace, ArticleInput input) {
        // the id first: a concurrent ingest of the same content may commit between the two reads
        Article sameId = Article.findById(id);
        if (sameId != null && sameId.cleanerVersion < TextCleaner.VERSION && fromFile(sameId, input)) {
            // older rules cleaned the stored copy of this file, so its text may differ from what the file gives now; the
            // cleaning upgrade cleans it again, from the file as it is now
            sameId.source = TextCleaner.withoutControlCharacters(input.body());
            sameId.sourceFormat = input.format();
            if (!replace) {
                return Optional.of(new IngestResult(sameId, false));
            }
        }
        if (sameId != null && sameId.contentHash.equals(hash)) {
            return Optional.of(new IngestResult(sameId, false));
        }
        Optional<Article> sameContent = Article.findByContentHash(hash);
        if (sameContent.isPresent()) {
            return Optional.of(new IngestResult(sameContent.get(), false));
        }
        if (sameId != null && !replace) {
            throw new ProblemException(409, "Article id already used",
                    "article '" + id + "' exists with different content; send ?replace=true to replace it");
        }
        return Optional.empty();
    }

    /** Whether both the stored article and the input come from a corpus file (bundled or in the corpus directory). */
    private static boolean fromFile(Article stored, ArticleInput input) {
        return stored.origin != Article.Origin.UPLOAD && stored.origin == input.origin();
    }

    public Optional<Article> find(String id) {
        return Article.findByIdOptional(id);
    }

    @Transactional
    public ArticlePage list(int page, int size) {
        PanacheQuery<Article> query = Article.<Article> findAll(Article.defaultOrder()).page(Page.of(page, size));
        return new ArticlePage(query.list().stream().map(ArticleView::summary).toList(), page, size, query.count());
    }

    public List<Chunk> chunks(String articleId) {
        return Chunk.listByArticle(articleId);
    }

    public boolean delete(String id) {
        database.requireWritable();
        Lock lock = lockFor(id);
        lock.lock();
        try {
            return QuarkusTransaction.requiringNew().call(() -> remove(id));
        } finally {
            lock.unlock();
        }
    }

    private Lock lockFor(String id) {
        return idLocks[Math.floorMod(id.hashCode(), idLocks.length)];
    }

    /**
     * Observers undo what they derived first; figures and other derived rows then go with the article through the
     * schema's cascading foreign keys.
     */
    private boolean remove(String id) {
        Article article = Article.findById(id);
        if (article == null) {
            return false;
        }
        removed.fire(new ArticleRemoved(article));
        Chunk.deleteByArticle(id);
        Article.delete("id", id);
        // a replacement with the same id is persisted in this session next
        Article.getEntityManager().detach(article);
        return true;
    }

    /**
     * Embeds again the article's chunks stored with another model than the configured one and stores their vectors,
     * telling the observers ({@link ArticleReembedded}); the model is called outside any transaction or lock. Chunks
     * replaced meanwhile are left alone: their replacements were embedded with the configured model. Returns the
     * number of chunks given new vectors.
     */
    public int reembed(String id) {
        String model = embeddings.modelName();
        List<Chunk> stale = QuarkusTransaction.requiringNew().call(() -> Chunk.<Chunk> list(
                "article.id = ?1 and embeddingModel <> ?2 order by ordinal", id, model));
        if (stale.isEmpty()) {
            return 0;
        }
        List<float[]> vectors = embeddings.embedPassages(stale.stream().map(chunk -> chunk.text).toList());
        Map<Long, float[]> byChunk = new HashMap<>();
        for (int i = 0; i < stale.size(); i++) {
            byChunk.put(stale.get(i).id, vectors.get(i));
        }
        Lock lock = lockFor(id);
        lock.lock();
        try {
            int done = QuarkusTransaction.requiringNew().call(() -> {
                Article article = Article.findById(id);
                if (article == null) {
                    return 0;
                }
                List<Chunk> chunks = Chunk.listByArticle(id);
                int updated = 0;
                for (Chunk chunk : chunks) {
                    float[] vector = byChunk.get(chunk.id);
                    if (vector != null && !model.equals(chunk.embeddingModel)) {
                        chunk.embedding = EmbeddingService.toBytes(vector);
                        chunk.embeddingModel = model;
                        updated++;
                    }
                }
                if (updated > 0) {
                    reembedded.fire(new ArticleReembedded(article, chunks));
                }
                return updated;
            });
            chunksEmbedded.increment(done);
            return done;
        } finally {
            lock.unlock();
        }
    }

    private static String firstNonBlank(String given, String derived) {
        String readable = TextCleaner.withoutControlCharacters(given);
        return readable != null && !readable.isBlank() ? readable.strip() : derived;
    }
}
