package io.crosscheck.ingest;

import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;

/**
 * A passage of an article: whole sentences, with offsets into the article's cleaned text and its embedding, stored
 * so that rebuilding the search index never re-embeds.
 */
@Entity
public class Chunk extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chunk_seq")
    @SequenceGenerator(name = "chunk_seq", sequenceName = "chunk_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    public Article article;

    public int ordinal;

    @Column(name = "start_offset")
    public int startOffset;

    @Column(name = "end_offset")
    public int endOffset;

    @Column(name = "token_count")
    public int tokenCount;

    @Column(columnDefinition = "text")
    public String text;

    public byte[] embedding;

    @Column(name = "embedding_model")
    public String embeddingModel;

    public static List<Chunk> listByArticle(String articleId) {
        return list("article.id = ?1 order by ordinal", articleId);
    }

    public static long deleteByArticle(String articleId) {
        return delete("article.id", articleId);
    }
}
