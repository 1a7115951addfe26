package io.crosscheck.figures;

import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A measure of one story as its last analysis left it; {@code verdict} holds the {@link MeasureVerdict} as JSON. */
@Entity
@Table(name = "measure")
public class StoredMeasure extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "story_id")
    public long storyId;

    /** Order within the story: conflicts first, then by how many articles report it. */
    public int position;

    public String label;

    @Enumerated(EnumType.STRING)
    public MeasureVerdict.Status status;

    @Column(name = "figure_count")
    public int figureCount;

    @Column(name = "article_count")
    public int articleCount;

    @Column(columnDefinition = "text")
    public String verdict;

    static List<StoredMeasure> ofStories(List<Long> storyIds) {
        return list("storyId in ?1 order by storyId, position", storyIds);
    }
}
