package io.crosscheck.retrieval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.ContentStreamBase;
import org.apache.solr.common.util.NamedList;

/**
 * Chunks in a SolrCloud collection (schema in deployment/solr/configsets/crosscheck): BM25 with global term statistics
 * over the text analysed as the embedded index analyses it, and HNSW kNN over the vectors. Talks HTTP to the nodes
 * named in the settings through the JDK's client, trying the next node when one does not answer; any node serves any
 * request of the collection. Plain Java, constructible without CDI (benchmarks use it directly).
 */
public final class SolrSearchEngine implements SearchEngine {

    /** What the engine needs to know; {@code shards} and {@code replicas} shape a collection it creates. */
    public record Settings(List<String> urls, String collection, boolean createCollection, int shards, int replicas,
            Duration timeout) {
        public Settings {
            if (urls == null || urls.isEmpty()) {
                throw new IllegalArgumentException("crosscheck.search.solr.urls names no Solr node");
            }
            urls = List.copyOf(urls);
        }
    }

    /** The configset bundled from deployment/solr/configsets/crosscheck/conf (pom.xml resources). */
    static final String CONFIGSET_RESOURCE = "/solr/configsets/crosscheck/conf/";
    static final List<String> CONFIGSET_FILES = List.of("solrconfig.xml", "schema.xml", "lang/stopwords_en_lucene.txt");

    private static final String ID = "id";
    private static final String CHUNK_ID = "chunk_id";
    private static final String ARTICLE_ID = "article_id";
    private static final String CONTENT_HASH = "content_hash";
    private static final String INDEXED_AT = "indexed_at";
    private static final String PUBLISHED_AT = "published_at";
    private static final String TITLE = "title";
    private static final String OUTLET = "outlet";
    private static final String URL = "url";
    private static final String ORDINAL = "ordinal";
    private static final String START = "start_offset";
    private static final String END = "end_offset";
    private static final String TEXT = "text";
    private static final String VECTOR = "vector";
    private static final String[] STORED = {CHUNK_ID, ARTICLE_ID, TITLE, OUTLET, URL, PUBLISHED_AT, ORDINAL, START, END,
            TEXT, "score"};
    private static final String BY_SCORE_THEN_ID = "score desc," + CHUNK_ID + " asc";
    private static final Comparator<SolrDocument> RANKING = Comparator
            .comparingDouble((SolrDocument doc) -> ((Number) doc.getFieldValue("score")).doubleValue()).reversed()
            .thenComparingLong(doc -> ((Number) doc.getFieldValue(CHUNK_ID)).longValue());

    @FunctionalInterface
    private interface Call<T> {
        T on(SolrClient client) throws SolrServerException, IOException;
    }

    private final Settings settings;
    private final List<SolrClient> nodes;
    /** The node that answered last: asked first next time, so that a stopped node costs one failed connect. */
    private final AtomicInteger preferred = new AtomicInteger();

    public SolrSearchEngine(Settings settings) {
        this.settings = settings;
        long timeout = settings.timeout().toMillis();
        this.nodes = settings.urls().stream().map(url -> (SolrClient) new HttpJdkSolrClient.Builder(url.strip())
                .withConnectionTimeout(timeout, TimeUnit.MILLISECONDS)
                .withRequestTimeout(timeout, TimeUnit.MILLISECONDS)
                .useHttp1_1(true)
                .build()).toList();
    }

    @Override
    public String name() {
        return "solr";
    }

    @Override
    public boolean persistent() {
        return true;
    }

    /** Uploads the configset and creates the collection when it is missing and the settings allow it. */
    @Override
    public void start() {
        if (!settings.createCollection()) {
            return;
        }
        call(client -> {
            if (CollectionAdminRequest.listCollections(client).contains(settings.collection())) {
                return null;
            }
            if (!new ConfigSetAdminRequest.List().process(client).getConfigSets().contains(settings.collection())) {
                new ConfigSetAdminRequest.Upload().setConfigSetName(settings.collection())
                        .setUploadStream(new ContentStreamBase.ByteArrayStream(configsetZip(), "configset.zip",
                                "application/octet-stream"))
                        .process(client);
            }
            try {
                CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(settings.collection(),
                        settings.collection(), settings.shards(), settings.replicas());
                create.setWaitForFinalState(true);
                create.process(client);
            } catch (SolrException e) {
                // another instance created it meanwhile
                if (!CollectionAdminRequest.listCollections(client).contains(settings.collection())) {
                    throw e;
                }
            }
            return null;
        });
    }

    /**
     * Replaces the articles' chunks and soft-commits before returning, so that a search right after sees the new
     * versions (the 201 of an ingest means "searchable"); the transaction log and the replicas make the write durable.
     * The delete goes first in a request of its own: within one request Solr applies deletes after adds.
     */
    @Override
    public void putArticles(List<ArticleChunks> articles) {
        if (articles.isEmpty()) {
            return;
        }
        Date now = new Date();
        List<SolrInputDocument> docs = new ArrayList<>();
        for (ArticleChunks article : articles) {
            article.chunks().forEach(chunk -> docs.add(document(chunk, article.contentHash(), now)));
        }
        String ids = articles.stream().map(article -> ClientUtils.escapeQueryChars(article.articleId()))
                .collect(Collectors.joining(" OR ", ARTICLE_ID + ":(", ")"));
        call(client -> {
            new UpdateRequest().deleteByQuery(ids).process(client, settings.collection());
            UpdateRequest add = new UpdateRequest();
            if (!docs.isEmpty()) {
                add.add(docs);
            }
            return add.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true, true)
                    .process(client, settings.collection());
        });
    }

    @Override
    public void deleteArticle(String articleId, String contentHash) {
        String query = ARTICLE_ID + ":" + ClientUtils.escapeQueryChars(articleId)
                + (contentHash == null ? "" : " AND " + CONTENT_HASH + ":" + ClientUtils.escapeQueryChars(contentHash));
        call(client -> new UpdateRequest().deleteByQuery(query)
                .setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true, true).process(client, settings.collection()));
    }

    /**
     * BM25 through the classic Lucene parser (as the embedded index parses), and kNN with {@code topK = n}: each shard
     * returns its own n nearest, so the union is ranked here and cut to n, equal scores by chunk id.
     */
    @Override
    public Candidates candidates(String query, float[] queryVector, int n) {
        Map<Long, IndexedChunk> chunks = new HashMap<>();
        List<Long> lexical = ids(lexicalDocs(query, n), chunks);
        SolrQuery knn = new SolrQuery("{!knn f=" + VECTOR + " topK=" + n + "}" + vectorLiteral(queryVector))
                .setFields(STORED).setRows(n * Math.max(1, settings.shards()));
        List<SolrDocument> nearest = new ArrayList<>(query(knn).getResults());
        nearest.sort(RANKING);
        List<Long> dense = ids(nearest.subList(0, Math.min(n, nearest.size())), chunks);
        return new Candidates(lexical, dense, chunks);
    }

    private List<SolrDocument> lexicalDocs(String query, int n) {
        SolrQuery lexical = new SolrQuery(QueryParser.escape(query)).setFields(STORED).setRows(n);
        lexical.set("defType", "lucene");
        lexical.set("df", TEXT);
        lexical.set("q.op", "OR");
        lexical.set("sow", true);
        lexical.set("sort", BY_SCORE_THEN_ID);
        try {
            return query(lexical).getResults();
        } catch (SearchEngineException e) {
            // a query the parser refuses (a bare AND) ranks nothing lexically, as in the embedded index
            if (e.getCause() instanceof SolrException solr && solr.code() == 400) {
                return List.of();
            }
            throw e;
        }
    }

    @Override
    public long size() {
        return query(new SolrQuery("*:*").setRows(0)).getResults().getNumFound();
    }

    @Override
    public Health health() {
        try {
            return new Health(true, "collection " + settings.collection() + " answers: " + size() + " chunks");
        } catch (SearchEngineException e) {
            return new Health(false, e.getMessage());
        }
    }

    /** One facet request: every article id with its content hashes, chunk count and newest write. */
    @Override
    public Map<String, IndexedArticle> indexedArticles() {
        SolrQuery query = new SolrQuery("*:*").setRows(0);
        query.set("json.facet", "{articles:{type:terms,field:" + ARTICLE_ID + ",limit:-1,facet:{"
                + "versions:{type:terms,field:" + CONTENT_HASH + ",limit:-1},newest:\"max(" + INDEXED_AT + ")\"}}}");
        NamedList<?> facets = (NamedList<?>) query(query).getResponse().get("facets");
        Map<String, IndexedArticle> articles = new HashMap<>();
        NamedList<?> byArticle = facets == null ? null : (NamedList<?>) facets.get("articles");
        if (byArticle == null) {
            return articles;
        }
        for (Object bucket : (List<?>) byArticle.get("buckets")) {
            NamedList<?> article = (NamedList<?>) bucket;
            Set<String> versions = new LinkedHashSet<>();
            for (Object version : (List<?>) ((NamedList<?>) article.get("versions")).get("buckets")) {
                versions.add((String) ((NamedList<?>) version).get("val"));
            }
            articles.put((String) article.get("val"), new IndexedArticle(versions,
                    ((Number) article.get("count")).longValue(), instant(article.get("newest"))));
        }
        return articles;
    }

    @Override
    public void close() {
        for (SolrClient node : nodes) {
            try {
                node.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private QueryResponse query(SolrQuery query) {
        return call(client -> client.query(settings.collection(), query));
    }

    /**
     * Runs the call on the preferred node, then on each other node while they fail to answer. A refusal (4xx) is the
     * request's fault and is not retried elsewhere.
     */
    private <T> T call(Call<T> call) {
        Exception last = null;
        int first = preferred.get();
        for (int i = 0; i < nodes.size(); i++) {
            int node = (first + i) % nodes.size();
            try {
                T result = call.on(nodes.get(node));
                preferred.set(node);
                return result;
            } catch (SolrException e) {
                if (e.code() >= 400 && e.code() < 500) {
                    throw new SearchEngineException("Solr refused the request: " + e.getMessage(), e);
                }
                last = e;
            } catch (SolrServerException | IOException | RuntimeException e) {
                last = e;
            }
        }
        throw new SearchEngineException("no Solr node of " + settings.urls() + " answered: "
                + (last == null ? "" : last.getMessage()), last);
    }

    private static List<Long> ids(Collection<SolrDocument> docs, Map<Long, IndexedChunk> chunks) {
        List<Long> ids = new ArrayList<>(docs.size());
        for (SolrDocument doc : docs) {
            IndexedChunk chunk = chunk(doc);
            chunks.putIfAbsent(chunk.chunkId(), chunk);
            ids.add(chunk.chunkId());
        }
        return ids;
    }

    private static IndexedChunk chunk(SolrDocument doc) {
        Date published = (Date) doc.getFieldValue(PUBLISHED_AT);
        return new IndexedChunk(((Number) doc.getFieldValue(CHUNK_ID)).longValue(), (String) doc.getFieldValue(ARTICLE_ID),
                (String) doc.getFieldValue(TITLE), (String) doc.getFieldValue(OUTLET), (String) doc.getFieldValue(URL),
                published == null ? null : LocalDate.ofInstant(published.toInstant(), ZoneOffset.UTC),
                ((Number) doc.getFieldValue(ORDINAL)).intValue(), ((Number) doc.getFieldValue(START)).intValue(),
                ((Number) doc.getFieldValue(END)).intValue(), (String) doc.getFieldValue(TEXT), null);
    }

    private static SolrInputDocument document(IndexedChunk chunk, String contentHash, Date now) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(ID, Long.toString(chunk.chunkId()));
        doc.setField(CHUNK_ID, chunk.chunkId());
        doc.setField(ARTICLE_ID, chunk.articleId());
        doc.setField(CONTENT_HASH, contentHash);
        doc.setField(INDEXED_AT, now);
        if (chunk.publishedAt() != null) {
            doc.setField(PUBLISHED_AT, Date.from(chunk.publishedAt().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        doc.setField(TITLE, chunk.title());
        doc.setField(OUTLET, chunk.outlet());
        doc.setField(URL, chunk.url());
        doc.setField(ORDINAL, chunk.ordinal());
        doc.setField(START, chunk.start());
        doc.setField(END, chunk.end());
        doc.setField(TEXT, chunk.text());
        if (chunk.vector() != null) {
            // no vector while another model's waits to be embedded again: found by its words only
            List<Float> vector = new ArrayList<>(chunk.vector().length);
            for (float value : chunk.vector()) {
                vector.add(value);
            }
            doc.setField(VECTOR, vector);
        }
        return doc;
    }

    private static String vectorLiteral(float[] vector) {
        StringBuilder literal = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            literal.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return literal.append(']').toString();
    }

    private static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return Instant.EPOCH;
    }

    /** The bundled configset as the zip the configset API takes. */
    static byte[] configsetZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String file : CONFIGSET_FILES) {
                try (InputStream in = SolrSearchEngine.class.getResourceAsStream(CONFIGSET_RESOURCE + file)) {
                    if (in == null) {
                        throw new IllegalStateException("configset file " + file + " is not bundled");
                    }
                    zip.putNextEntry(new ZipEntry(file));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
