package io.crosscheck.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * In-memory hybrid index of chunks: BM25 over the English-analysed text and HNSW over the stored embeddings, fused
 * by reciprocal rank. It is derived state, rebuilt from the database at start, so it lives in memory. The embedded
 * search engine ({@link EmbeddedSearchEngine}) and the retrieval evaluation use it.
 */
public class ChunkIndex implements AutoCloseable {

    /** A chunk in the fused ranking with the evidence that put it there; a rank of 0 means "not in that list". */
    public record Hit(IndexedChunk chunk, double score, int lexicalRank, int denseRank) {
    }

    private static final String ID = "chunkId";
    /** Equal scores rank by chunk id, as in the Solr engine, rather than by the order chunks were added. */
    private static final Sort BY_SCORE_THEN_ID = new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.LONG));
    private static final String ARTICLE = "articleId";
    private static final String TEXT = "text";
    private static final String VECTOR = "vector";

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<Long, IndexedChunk> chunks = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> chunksOf = new ConcurrentHashMap<>();

    public ChunkIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds an article's chunks, replacing whatever the index held for that article. */
    public synchronized void putArticle(String articleId, List<IndexedChunk> articleChunks) {
        try {
            removeFromMap(articleId);
            writer.deleteDocuments(new Term(ARTICLE, articleId));
            for (IndexedChunk chunk : articleChunks) {
                writer.addDocument(document(chunk));
                chunks.put(chunk.chunkId(), chunk);
            }
            chunksOf.put(articleId, articleChunks.stream().map(IndexedChunk::chunkId).toList());
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void deleteArticle(String articleId) {
        try {
            writer.deleteDocuments(new Term(ARTICLE, articleId));
            removeFromMap(articleId);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return chunks.size();
    }

    public List<Hit> search(String query, float[] queryVector, int candidates, int rrfK, int k) {
        List<Hit> hits = new ArrayList<>();
        for (RankFusion.Fused fused : RankFusion.fuse(lexical(query, candidates), dense(queryVector, candidates), rrfK)) {
            IndexedChunk chunk = chunks.get(fused.id());
            if (chunk != null) {
                hits.add(new Hit(chunk, fused.score(), fused.lexicalRank(), fused.denseRank()));
            }
            if (hits.size() == k) {
                break;
            }
        }
        return hits;
    }

    /** Chunk ids by BM25 score, best first. */
    public List<Long> lexical(String query, int n) {
        return ranked(lexicalQuery(query), n);
    }

    /** Chunk ids by cosine similarity to the query vector, best first. */
    public List<Long> dense(float[] queryVector, int n) {
        return chunks.isEmpty() ? List.of() : ranked(new KnnFloatVectorQuery(VECTOR, queryVector, n), n);
    }

    public IndexedChunk chunk(long chunkId) {
        return chunks.get(chunkId);
    }

    private List<Long> ranked(Query query, int n) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return ids(searcher, searcher.search(query, n, BY_SCORE_THEN_ID, true));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Query lexicalQuery(String query) {
        try {
            return new QueryParser(TEXT, analyzer).parse(QueryParser.escape(query));
        } catch (ParseException e) {
            // a query of stop words only analyses to nothing; the dense ranking still answers it
            return new MatchNoDocsQuery();
        }
    }

    private static List<Long> ids(IndexSearcher searcher, TopDocs top) throws IOException {
        List<Long> ids = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc doc : top.scoreDocs) {
            ids.add(Long.parseLong(searcher.storedFields().document(doc.doc).get(ID)));
        }
        return ids;
    }

    /** By the article's own chunk ids: a scan of every chunk would make each ingest cost more as the corpus grows. */
    private void removeFromMap(String articleId) {
        List<Long> ids = chunksOf.remove(articleId);
        if (ids != null) {
            ids.forEach(chunks::remove);
        }
    }

    private static Document document(IndexedChunk chunk) {
        Document document = new Document();
        document.add(new StringField(ID, Long.toString(chunk.chunkId()), Field.Store.YES));
        document.add(new NumericDocValuesField(ID, chunk.chunkId()));
        document.add(new StringField(ARTICLE, chunk.articleId(), Field.Store.NO));
        document.add(new TextField(TEXT, chunk.text(), Field.Store.NO));
        if (chunk.vector() != null) {
            document.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.COSINE));
        }
        return document;
    }

    @Override
    public synchronized void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
