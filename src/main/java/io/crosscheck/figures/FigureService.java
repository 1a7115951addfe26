package io.crosscheck.figures;

import java.util.List;

import io.crosscheck.ingest.Article;
import io.crosscheck.ingest.ArticleStored;
import io.crosscheck.ingest.Chunk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/**
 * Extracts an article's figures inside the transaction that stores it, so an article never exists without its
 * figures. Articles stored by an older extractor are extracted again at start.
 */
@ApplicationScoped
public class FigureService {

    /** Raise when extraction changes, so that stored articles are extracted again at the next start. */
    public static final int EXTRACTOR_VERSION = 1;

    private final Timer extractionTimer;

    public FigureService(MeterRegistry registry) {
        this.extractionTimer = Timer.builder("crosscheck.figures.extraction").description("Figure extraction per article")
                .publishPercentiles(0.5, 0.95).register(registry);
    }

    void onStored(@Observes ArticleStored event) {
        store(event.article());
    }

    /** Runs before the corpus is ingested (lower priority value first), so the figure store is current when serving. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        List<String> stale = QuarkusTransaction.requiringNew().call(() -> Article.<Article> list("figuresVersion <> ?1",
                EXTRACTOR_VERSION).stream().map(a -> a.id).toList());
        for (String id : stale) {
            QuarkusTransaction.requiringNew().run(() -> {
                Figure.delete("article.id", id);
                store(Article.findById(id));
            });
        }
        if (!stale.isEmpty()) {
            Log.infof("Extracted figures again for %d articles (extractor version %d)", stale.size(), EXTRACTOR_VERSION);
        }
    }

    private void store(Article article) {
        List<ExtractedFigure> extracted = extractionTimer.record(() -> FigureExtractor.extract(article.text, article.publishedAt));
        List<Chunk> chunks = Chunk.listByArticle(article.id);
        for (ExtractedFigure e : extracted) {
            Figure figure = new Figure();
            figure.article = article;
            figure.chunkOrdinal = chunks.stream().filter(c -> c.startOffset <= e.start() && e.end() <= c.endOffset)
                    .map(c -> c.ordinal).findFirst().orElse(null);
            figure.span = e.span();
            figure.startOffset = e.start();
            figure.endOffset = e.end();
            figure.low = e.low();
            figure.high = e.high();
            figure.approximate = e.approximate();
            figure.qualifier = e.qualifier();
            figure.unit = e.unit();
            figure.percentOf = e.percentOf();
            figure.counted = e.counted();
            figure.event = e.event();
            figure.attribution = e.attribution();
            figure.asOfText = e.asOfText();
            figure.asOf = e.asOf();
            figure.sentenceStart = e.sentenceStart();
            figure.sentenceEnd = e.sentenceEnd();
            figure.sentence = e.sentence();
            figure.persist();
        }
        article.figuresVersion = EXTRACTOR_VERSION;
    }

    @Transactional
    public List<Figure> byArticle(String articleId) {
        return Figure.listByArticle(articleId);
    }
}
