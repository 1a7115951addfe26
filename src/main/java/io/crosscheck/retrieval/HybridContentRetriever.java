package io.crosscheck.retrieval;

import java.util.List;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.crosscheck.config.CrosscheckConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The hybrid search as a LangChain4j {@link ContentRetriever}: each content carries the chunk's article and offsets
 * as metadata so that answers can cite their sources.
 */
@ApplicationScoped
public class HybridContentRetriever implements ContentRetriever {

    public static final String ARTICLE_ID = "articleId";
    public static final String CHUNK_ID = "chunkId";
    public static final String TITLE = "title";
    public static final String OUTLET = "outlet";
    public static final String START = "start";
    public static final String END = "end";

    private final SearchService search;
    private final int k;

    public HybridContentRetriever(SearchService search, CrosscheckConfig config) {
        this.search = search;
        this.k = config.search().defaultK();
    }

    @Override
    public List<Content> retrieve(Query query) {
        return search.search(query.text(), k).stream().map(HybridContentRetriever::content).toList();
    }

    private static Content content(ChunkIndex.Hit hit) {
        IndexedChunk chunk = hit.chunk();
        Metadata metadata = new Metadata()
                .put(ARTICLE_ID, chunk.articleId())
                .put(CHUNK_ID, chunk.chunkId())
                .put(START, chunk.start())
                .put(END, chunk.end());
        if (chunk.title() != null) {
            metadata.put(TITLE, chunk.title());
        }
        if (chunk.outlet() != null) {
            metadata.put(OUTLET, chunk.outlet());
        }
        return Content.from(TextSegment.from(chunk.text(), metadata));
    }
}
