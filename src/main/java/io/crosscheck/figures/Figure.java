package io.crosscheck.figures;

import java.time.LocalDate;
import java.util.List;

import io.crosscheck.ingest.Article;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;

/** A numeric figure an article states, as extracted at ingestion; offsets are into the article's cleaned text. */
@Entity
public class Figure extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "figure_seq")
    @SequenceGenerator(name = "figure_seq", sequenceName = "figure_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    public Article article;

    @Column(name = "chunk_ordinal")
    public Integer chunkOrdinal;

    public String span;

    @Column(name = "start_offset")
    public int startOffset;

    @Column(name = "end_offset")
    public int endOffset;

    @Column(name = "low_value")
    public Double low;

    @Column(name = "high_value")
    public Double high;

    public boolean approximate;

    public String qualifier;

    public String unit;

    @Column(name = "percent_of")
    public String percentOf;

    public String counted;

    public String event;

    public String attribution;

    @Column(name = "as_of_text")
    public String asOfText;

    @Column(name = "as_of")
    public LocalDate asOf;

    @Column(name = "sentence_start")
    public int sentenceStart;

    @Column(name = "sentence_end")
    public int sentenceEnd;

    @Column(columnDefinition = "text")
    public String sentence;

    /** Null only for figures stored before the kind was persisted; the background re-extraction fills it. */
    @Enumerated(EnumType.STRING)
    public Quantity.Kind kind;

    public static List<Figure> listByArticle(String articleId) {
        return list("select f from Figure f join fetch f.article where f.article.id = ?1 order by f.startOffset", articleId);
    }

    /** The figures of a story's articles, in a stable order. */
    public static List<Figure> listByStory(long storyId) {
        return list("select f from Figure f join fetch f.article a where a.storyId = ?1 order by a.id, f.startOffset", storyId);
    }

    public ExtractedFigure toExtracted() {
        return new ExtractedFigure(span, startOffset, endOffset, low, high, approximate, qualifier, unit, percentOf, counted,
                event, attribution, asOfText, asOf, sentenceStart, sentenceEnd, sentence,
                kind != null ? kind : ExtractedFigure.classify(unit, counted));
    }
}
