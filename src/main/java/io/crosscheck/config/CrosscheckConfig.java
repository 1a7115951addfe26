package io.crosscheck.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every Crosscheck setting a user may change; each one is documented in docs/configuration.md. */
@ConfigMapping(prefix = "crosscheck")
public interface CrosscheckConfig {

    /**
     * This instance's name in the leases and jobs it holds in the shared database; unset, the host name and a random
     * suffix, chosen once per process ({@link InstanceId}).
     */
    Optional<String> instanceId();

    Corpus corpus();

    Ingest ingest();

    Chunking chunking();

    Embedding embedding();

    Search search();

    Answer answer();

    Analysis analysis();

    Database database();

    Jobs jobs();

    /**
     * Background work in the database's job table, shared by every instance on it: corpus files at start and the
     * articles of bulk requests. Each worker claims one job at a time under a lease it renews while the job runs.
     */
    interface Jobs {
        /** Jobs this instance runs at once. Ingestion is CPU-bound (embedding), so more workers than cores gain nothing. */
        @WithDefault("1")
        int workers();

        /** How often an idle worker looks for jobs that another instance queued; this instance's own wake it at once. */
        @WithDefault("1s")
        Duration poll();

        /**
         * How long a claimed job stays with its instance without a renewal; renewed every third of it while the job
         * runs, so that it expires only when the instance has died or hangs, and then another instance takes the job.
         */
        @WithDefault("30s")
        Duration lease();

        /** Runs of a job before it is marked failed with its last error. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the first retry of a failed run; it doubles with every further failure, up to ten minutes. */
        @WithDefault("2s")
        Duration retryBackoff();
    }

    interface Database {
        /**
         * How often, while the database is unreachable, read-only or full, a write is tried to learn that it has
         * recovered; clients refused meanwhile are told to retry after about this long.
         */
        @WithDefault("5s")
        Duration probeInterval();
    }

    Security security();

    interface Security {
        /**
         * API keys as {@code KEY:ROLE} pairs ({@code reader} or {@code editor}), sent as {@code Authorization: Bearer KEY}.
         * Only their SHA-256 hashes are kept once read. With no key and no JWT verification key, article writes are
         * accepted only from loopback.
         */
        Optional<List<String>> apiKeys();

        /** Reads (search, chat, articles, conversations) need a reader or editor too; otherwise they are open. */
        @WithDefault("false")
        boolean readRequiresAuth();

        Jwt jwt();

        interface Jwt {
            /**
             * The claim of a JWT that holds its roles: a name, or a path such as {@code realm_access/roles} for
             * Keycloak. Passed to smallrye-jwt as {@code smallrye.jwt.path.groups}.
             */
            @WithDefault("groups")
            String rolesClaim();
        }
    }

    RateLimit rateLimit();

    /**
     * Requests each caller may make per class of endpoint: the authenticated principal, or else the socket peer's
     * address. Past a limit the service answers 429 with Retry-After. Slack's callbacks are never limited here (Slack
     * retries, and its requests are signed).
     */
    interface RateLimit {
        /** Off, every request is admitted. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Callers whose recent requests are remembered per class; the least recently seen are forgotten first, so memory
         * stays bounded whatever the number of addresses.
         */
        @WithDefault("10000")
        int maxCallers();

        /** POST /api/chat and /api/chat/stream: each answer retrieves, ranks and may call the LLM. */
        Chat chat();

        /** GET /api/search. */
        Search search();

        /** POST and DELETE /api/articles: each article is embedded, its figures extracted and its story analysed. */
        Ingest ingest();

        interface Limit {
            /** Requests admitted per window. */
            int requests();

            /** The window the requests are counted over; a caller's window opens with its first request. */
            Duration window();
        }

        interface Chat extends Limit {
            @Override
            @WithDefault("120")
            int requests();

            @Override
            @WithDefault("1m")
            Duration window();
        }

        interface Search extends Limit {
            @Override
            @WithDefault("600")
            int requests();

            @Override
            @WithDefault("1m")
            Duration window();
        }

        interface Ingest extends Limit {
            @Override
            @WithDefault("600")
            int requests();

            @Override
            @WithDefault("1m")
            Duration window();
        }
    }

    interface Analysis {
        /**
         * How long a changed story waits before it is analysed again, so that a burst of articles about one story
         * costs one analysis.
         */
        @WithDefault("1s")
        Duration debounce();

        /**
         * The longest a changed story waits for its analysis while changes keep arriving, counted from the first
         * change its measures do not reflect.
         */
        @WithDefault("10s")
        Duration maxDelay();

        /** How often the analysis worker looks for queued stories when nothing woke it. */
        @WithDefault("5s")
        Duration poll();

        /** First retry delay of a failed analysis; it doubles with every further failure, up to ten minutes. */
        @WithDefault("5s")
        Duration retryBackoff();

        /**
         * How long an instance holds a story it analyses before another instance may take it over: an analysis takes
         * well under a second, so a minute only matters when the instance died or stalled.
         */
        @WithDefault("1m")
        Duration lease();
    }

    interface Corpus {
        /** Ingest the bundled demo corpus (five articles) at start. */
        @WithDefault("true")
        boolean bundled();

        /** A directory whose .txt, .md and .html files are ingested at start, beside or instead of the bundled corpus. */
        Optional<String> path();

        /** Ingest the corpus on a background thread after start (true) or before the service accepts requests. */
        @WithDefault("true")
        boolean async();
    }

    interface Ingest {
        /** Largest accepted article body, in characters after decoding. */
        @WithDefault("500000")
        int maxChars();

        /** Log a progress line every this many files while ingesting a directory. */
        @WithDefault("25")
        int progressEvery();

        /**
         * Most articles in one {@code POST /api/articles/bulk}; a larger batch is refused with 413. The HTTP layer's
         * body limit ({@code quarkus.http.limits.max-body-size}, 10M) applies as well.
         */
        @WithDefault("500")
        int bulkMaxArticles();
    }

    interface Chunking {
        /** A chunk is closed once it reaches this many tokens, at a sentence boundary. */
        @WithDefault("220")
        int targetTokens();

        /** No chunk holds more than this many tokens; a longer sentence is cut between words. */
        @WithDefault("300")
        int maxTokens();

        /** A chunk may end early at a paragraph break once it holds this many tokens. */
        @WithDefault("150")
        int minTokens();

        /** Sentences of up to this many tokens from the end of a chunk are repeated at the start of the next. */
        @WithDefault("50")
        int overlapTokens();
    }

    interface Embedding {
        /**
         * Where vectors come from: {@code in-process} (the ONNX model named by {@code model}) or {@code server}, an
         * OpenAI-compatible {@code /v1/embeddings} endpoint configured as the quarkus-langchain4j model named
         * {@code embedding} ({@code quarkus.langchain4j.openai.embedding.base-url}, {@code .api-key},
         * {@code .embedding-model.model-name}). Changing it (or the model) re-embeds stored chunks in the background.
         */
        @WithDefault("in-process")
        Provider provider();

        enum Provider {
            IN_PROCESS,
            SERVER
        }

        Server server();

        /**
         * Calls to the embedding server. The timeout of one call is the quarkus-langchain4j client's
         * ({@code quarkus.langchain4j.openai.embedding.timeout}).
         */
        interface Server {
            /** Further attempts after a failed call, each after twice the previous wait; then the request is a 503. */
            @WithDefault("2")
            int retries();

            /** Wait before the first retry. */
            @WithDefault("200ms")
            Duration retryBackoff();
        }

        /**
         * In-process ONNX model (with provider {@code in-process}): {@code bge-small-en-v15-q}, {@code all-minilm-l6-v2-q}
         * (when on the classpath) or the class name of any LangChain4j {@code EmbeddingModel} with a no-argument
         * constructor.
         */
        @WithDefault("bge-small-en-v15-q")
        String model();

        /** Prepended to queries (not passages) before embedding; bge models are trained with it. */
        @WithDefault("Represent this sentence for searching relevant passages: ")
        String queryPrefix();

        /** Chunks embedded per call (per request to the embedding server). */
        @WithDefault("16")
        int batchSize();
    }

    interface Search {
        /** Results returned when the request names no k. */
        @WithDefault("5")
        int defaultK();

        /** Largest k a request may ask for. */
        @WithDefault("50")
        int maxK();

        /** Candidates taken from each of the lexical and the dense ranking before fusion. */
        @WithDefault("50")
        int candidates();

        /** The k of reciprocal rank fusion: 1 / (k + rank). */
        @WithDefault("60")
        int rrfK();

        /** Where chunks are indexed: in this process's memory (rebuilt at start) or in a SolrCloud collection. */
        @WithDefault("embedded")
        Engine engine();

        Solr solr();

        /**
         * Reconcile leaves alone articles whose chunks were written this recently: a Solr index is written inside the
         * database transaction, which may still be committing (in this or another instance). Article writes take well
         * under a second; a minute leaves room for slow commits. The next reconcile judges them.
         */
        @WithDefault("1m")
        Duration reconcileGrace();

        enum Engine {
            EMBEDDED,
            SOLR
        }

        /** The SolrCloud collection of {@code engine=solr} (docs/search.md). */
        interface Solr {
            /** Base URLs of Solr nodes ({@code http://host:8983/solr}); requests fail over from one to the next. */
            Optional<List<String>> urls();

            @WithDefault("crosscheck")
            String collection();

            /** Uploads the bundled configset and creates the collection at start when it is missing. */
            @WithDefault("true")
            boolean createCollection();

            /** Shards of a collection created at start. */
            @WithDefault("2")
            int shards();

            /** Replicas of each shard of a collection created at start. */
            @WithDefault("2")
            int replicas();

            /** Connect and request timeout of one call to one node, before the next node is tried. */
            @WithDefault("10s")
            Duration timeout();
        }
    }

    interface Answer {
        /**
         * Compose answers with the language model (quarkus.langchain4j.openai.base-url, api-key, chat-model.*), held to
         * the cited passages; off, answers are extractive and no chat model is ever called. Independent of where
         * embeddings come from.
         */
        @WithDefault("false")
        boolean llm();

        /** Passages retrieved for a question. */
        @WithDefault("6")
        int passages();

        /** Measures listed in a response's conflicts block, most relevant first. */
        @WithDefault("6")
        int maxMeasures();
    }
}
