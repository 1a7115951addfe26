package io.crosscheck.figures;

import java.util.List;

import io.crosscheck.config.Limits;
import io.crosscheck.embedding.EmbeddingService;
import io.crosscheck.ingest.Article;
import io.crosscheck.ingest.ArticleReembedded;
import io.crosscheck.ingest.ArticleStored;
import io.crosscheck.ingest.Chunk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/**
 * Extracts an article's figures inside the transaction that stores it, so an article never exists without its
 * figures, and embeds what grouping will compare (counted phrases, sentences) so that analysis never needs the
 * model. Articles stored by an older extractor are extracted again in the background ({@link FigureUpgrade}).
 */
@ApplicationScoped
public class FigureService {

    /** Raise when extraction changes, so that stored articles are extracted again in the background. */
    public static final int EXTRACTOR_VERSION = 3;

    private final EmbeddingService embeddings;
    private final Timer extractionTimer;
    private final Timer embeddingTimer;

    public FigureService(EmbeddingService embeddings, MeterRegistry registry) {
        this.embeddings = embeddings;
        this.extractionTimer = Timer.builder("crosscheck.figures.extraction").description("Figure extraction per article")
                .publishPercentiles(0.5, 0.95).register(registry);
        this.embeddingTimer = Timer.builder("crosscheck.figures.embedding")
                .description("Embedding an article's counted phrases and figure sentences").publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    void onStored(@Observes ArticleStored event) {
        store(event.article());
    }

    /**
     * The article's chunks were embedded again with another model: the vectors of its figures' phrases and sentences
     * follow, from the stored figures (as the analysis reads them), so that analysing its story goes on reading stored
     * vectors instead of embedding them at every analysis.
     */
    void onReembedded(@Observes ArticleReembedded event) {
        Article article = event.article();
        List<String> texts = FigureVectors.textsOf(Figure.listByArticle(article.id).stream()
                .map(f -> new CorpusFigure(article.id, article.title, article.outlet, article.publishedAt, f.toExtracted()))
                .toList());
        List<float[]> vectors = embeddingTimer.record(() -> embeddings.embedPassages(texts));
        FigureVectors.deleteOf(Figure.getEntityManager(), article.id);
        FigureVectors.save(Figure.getEntityManager(), article.id, embeddings.modelName(), texts, vectors);
    }

    /** Extracts again an article stored by an older extractor; its story is analysed again by the caller. */
    void extractAgain(Article article) {
        Figure.delete("article.id", article.id);
        FigureVectors.deleteOf(Figure.getEntityManager(), article.id);
        store(article);
    }

    private void store(Article article) {
        List<ExtractedFigure> extracted = extractionTimer.record(() -> FigureExtractor.extract(article.text, article.publishedAt));
        List<Chunk> chunks = Chunk.listByArticle(article.id);
        for (ExtractedFigure e : extracted) {
            Figure figure = new Figure();
            figure.article = article;
            figure.chunkOrdinal = chunks.stream().filter(c -> c.startOffset <= e.start() && e.end() <= c.endOffset)
                    .map(c -> c.ordinal).findFirst().orElse(null);
            // phrases read from an article are as long as the article makes them; each is cut to its column
            figure.span = Limits.fit(e.span(), Limits.FIGURE_SPAN);
            figure.startOffset = e.start();
            figure.endOffset = e.end();
            figure.low = e.low();
            figure.high = e.high();
            figure.approximate = e.approximate();
            figure.qualifier = Limits.fit(e.qualifier(), Limits.FIGURE_QUALIFIER);
            figure.unit = Limits.fit(e.unit(), Limits.FIGURE_UNIT);
            figure.percentOf = Limits.fit(e.percentOf(), Limits.FIGURE_PERCENT_OF);
            figure.counted = Limits.fit(e.counted(), Limits.FIGURE_COUNTED);
            figure.event = Limits.fit(e.event(), Limits.FIGURE_EVENT);
            figure.attribution = Limits.fit(e.attribution(), Limits.FIGURE_ATTRIBUTION);
            figure.asOfText = Limits.fit(e.asOfText(), Limits.FIGURE_AS_OF_TEXT);
            figure.asOf = e.asOf();
            figure.sentenceStart = e.sentenceStart();
            figure.sentenceEnd = e.sentenceEnd();
            figure.sentence = e.sentence();
            figure.kind = e.kind();
            figure.persist();
        }
        List<String> texts = FigureVectors.textsOf(extracted.stream()
                .map(e -> new CorpusFigure(article.id, article.title, article.outlet, article.publishedAt, e)).toList());
        List<float[]> vectors = embeddingTimer.record(() -> embeddings.embedPassages(texts));
        FigureVectors.save(Figure.getEntityManager(), article.id, embeddings.modelName(), texts, vectors);
        article.figuresVersion = EXTRACTOR_VERSION;
    }

    @Transactional
    public List<Figure> byArticle(String articleId) {
        return Figure.listByArticle(articleId);
    }

    /** One page of every stated figure, by article and position. */
    @Transactional
    public List<Figure> page(int page, int size) {
        return Figure.<Figure> find("select f from Figure f join fetch f.article order by f.article.id, f.startOffset")
                .page(io.quarkus.panache.common.Page.of(page, size)).list();
    }

    @Transactional
    public long count() {
        return Figure.count();
    }
}
