package io.crosscheck.ingest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.crosscheck.text.TextCleaner;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/** A news article as stored: cleaned text plus the metadata the caller gave or the text stated. */
@Entity
public class Article extends PanacheEntityBase {

    /** Where an article came from. */
    public enum Origin {
        BUNDLED, DIRECTORY, UPLOAD
    }

    @Id
    public String id;

    public String title;

    public String outlet;

    public String url;

    @Column(name = "published_at")
    public LocalDate publishedAt;

    @Column(name = "content_hash")
    public String contentHash;

    @Column(columnDefinition = "text")
    public String text;

    /** The article as it was sent, before cleaning; null for articles stored before it was kept. */
    @Column(columnDefinition = "text")
    public String source;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_format")
    public TextCleaner.Format sourceFormat;

    /** Version of the cleaning rules ({@link TextCleaner#VERSION}) that produced {@link #text}. */
    @Column(name = "cleaner_version")
    public int cleanerVersion;

    @Enumerated(EnumType.STRING)
    public Origin origin;

    @Column(name = "chunk_count")
    public int chunkCount;

    @Column(name = "ingested_at")
    public OffsetDateTime ingestedAt;

    /** Version of the figure extractor that produced this article's figures (0: none yet). */
    @Column(name = "figures_version")
    public int figuresVersion;

    /** The story the article belongs to; null until story assignment (or, for older databases, the backfill) places it. */
    @Column(name = "story_id")
    public Long storyId;

    /** The article as story clustering saw it (mean chunk vector, salient names), so that its removal is exact. */
    @Column(name = "profile_vector")
    public byte[] profileVector;

    @Column(name = "profile_names", columnDefinition = "text")
    public String profileNames;

    public static Optional<Article> findByContentHash(String contentHash) {
        return find("contentHash", contentHash).firstResultOptional();
    }

    public static Sort defaultOrder() {
        return Sort.by("id");
    }
}
