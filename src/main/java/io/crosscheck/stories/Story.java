package io.crosscheck.stories;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.crosscheck.embedding.EmbeddingService;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

/** An event many articles cover, with the representation that new articles are compared with. */
@Entity
public class Story extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "story_seq")
    @SequenceGenerator(name = "story_seq", sequenceName = "story_seq", allocationSize = 50)
    public Long id;

    /** The title of its earliest article, a name a reader recognises. */
    public String label;

    @Column(name = "vector_sum")
    public byte[] vectorSum;

    /** How many of its articles name each salient name, one "name TAB count" per line. */
    @Column(name = "name_counts", columnDefinition = "text")
    public String nameCounts;

    @Column(name = "article_count")
    public int articleCount;

    @Column(name = "first_published")
    public LocalDate firstPublished;

    @Column(name = "last_published")
    public LocalDate lastPublished;

    /** When an article last joined or left it. */
    @Column(name = "last_activity")
    public OffsetDateTime lastActivity;

    @Column(name = "measure_count")
    public int measureCount;

    @Column(name = "conflict_count")
    public int conflictCount;

    @Column(name = "analysed_at")
    public OffsetDateTime analysedAt;

    /** Raised whenever its articles change; {@link #analysedRevision} says which revision its measures reflect. */
    public long revision;

    @Column(name = "analysed_revision")
    public long analysedRevision;

    /** The version of the analysis rules its measures were computed with. */
    @Column(name = "analyser_version")
    public int analyserVersion;

    public StoryProfile profile() {
        return StoryProfile.restore(id, EmbeddingService.toVector(vectorSum), articleCount, names(nameCounts),
                firstPublished, lastPublished);
    }

    void update(StoryProfile profile) {
        vectorSum = EmbeddingService.toBytes(profile.vectorSum());
        nameCounts = format(profile.nameArticles());
        articleCount = profile.articles();
        firstPublished = profile.first();
        lastPublished = profile.last();
    }

    /**
     * Stories an article dated {@code date} may belong to: those with an article within the candidate window of it,
     * or, for stories of undated articles only, active within that window. The cost depends on how many stories run
     * at that time, not on the size of the corpus.
     */
    static List<Story> candidates(LocalDate date, OffsetDateTime now) {
        int window = StoryClusterer.CANDIDATE_WINDOW_DAYS;
        return list("articleCount > 0 and ((firstPublished <= ?1 and lastPublished >= ?2) or (lastPublished is null"
                + " and lastActivity >= ?3)) order by id", date.plusDays(window), date.minusDays(window), now.minusDays(window));
    }

    static String format(Map<String, Integer> counts) {
        StringBuilder text = new StringBuilder();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append(e.getKey()).append('\t').append(e.getValue()).append('\n'));
        return text.toString();
    }

    static Map<String, Integer> names(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (text != null) {
            text.lines().filter(line -> line.indexOf('\t') > 0).forEach(line -> {
                int tab = line.lastIndexOf('\t');
                counts.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
            });
        }
        return counts;
    }
}
