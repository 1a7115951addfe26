package io.crosscheck.stories;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.crosscheck.embedding.EmbeddingService;
import io.crosscheck.ingest.Article;
import io.crosscheck.ingest.ArticleReembedded;
import io.crosscheck.ingest.ArticleRemoved;
import io.crosscheck.ingest.ArticleStored;
import io.crosscheck.ingest.Chunk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.panache.common.Page;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/**
 * Places every stored article in its story, in one pass and inside the transaction that stores it, and takes it out
 * again when it is deleted or replaced. Placements are serialised by a database row lock, so concurrent ingests on
 * any number of instances see each other's stories.
 */
@ApplicationScoped
public class StoryService {

    /** After figure extraction (default observer priority), so that the assignment lock is held only until commit. */
    static final int ASSIGNMENT_PRIORITY = 5000;

    /** A story named from an untitled article's opening words keeps this many characters of them. */
    static final int LABEL_CHARS = 100;

    private final StoryClusterer clusterer = new StoryClusterer();
    private final Event<StoryChanged> changed;
    private final Timer assignmentTimer;

    public StoryService(Event<StoryChanged> changed, MeterRegistry registry) {
        this.changed = changed;
        this.assignmentTimer = Timer.builder("crosscheck.stories.assignment")
                .description("Placing one article in its story, lock wait included").publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    void onStored(@Observes @Priority(ASSIGNMENT_PRIORITY) ArticleStored event) {
        assignmentTimer.record(() -> assign(event.article(), event.chunks()));
    }

    void onRemoved(@Observes ArticleRemoved event) {
        Article article = event.article();
        if (article.storyId == null || article.profileVector == null) {
            return;
        }
        lockAssignments();
        Story story = Story.findById(article.storyId);
        StoryProfile profile = story.profile();
        profile.remove(profile(article));
        story.update(profile);
        touch(story);
    }

    /**
     * An article's chunks were embedded again with another model: its vector is made again from them and its story's
     * sum follows, in the same transaction, and the story is analysed again (its figures are grouped partly by their
     * vectors, which changed too). Placements are not revisited: the story an article is in stays its story.
     */
    void onReembedded(@Observes @Priority(ASSIGNMENT_PRIORITY) ArticleReembedded event) {
        Article article = event.article();
        if (article.storyId == null || article.profileVector == null) {
            return;
        }
        float[] before = EmbeddingService.toVector(article.profileVector);
        float[] after = ArticleProfile.meanOf(event.chunks().stream().map(c -> EmbeddingService.toVector(c.embedding)).toList());
        lockAssignments();
        Story story = Story.findById(article.storyId);
        StoryProfile profile = story.profile();
        profile.revector(before, after);
        story.update(profile);
        article.profileVector = EmbeddingService.toBytes(after);
        changed.fire(new StoryChanged(story.id));
    }

    /**
     * Asks for these stories to be analysed again (after an upgrade of the rules or of their figures), in the
     * caller's transaction and serialised with placements like every change of a story.
     */
    public void reanalyse(List<Long> storyIds) {
        if (storyIds.isEmpty()) {
            return;
        }
        lockAssignments();
        storyIds.forEach(id -> changed.fire(new StoryChanged(id)));
    }

    /** Places an article that has no story yet; its chunks carry the vectors it is represented by. */
    void assign(Article article, List<Chunk> chunks) {
        ArticleProfile profile = new ArticleProfile(article.id,
                ArticleProfile.meanOf(chunks.stream().map(c -> EmbeddingService.toVector(c.embedding)).toList()),
                SalientNames.of(article.title, article.text, article.outlet), article.publishedAt);
        lockAssignments();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        LocalDate date = article.publishedAt != null ? article.publishedAt : now.toLocalDate();
        List<StoryProfile> candidates = Story.candidates(date, now).stream().map(Story::profile).toList();
        Optional<StoryProfile> match = clusterer.bestMatch(profile, candidates);
        Story story;
        StoryProfile storyProfile;
        if (match.isPresent()) {
            story = Story.findById(match.get().id());
            storyProfile = match.get();
        } else {
            story = new Story();
            story.lastActivity = now;
            story.vectorSum = new byte[0];
            story.nameCounts = "";
            story.persist();
            storyProfile = new StoryProfile(story.id);
        }
        boolean earliest = story.label == null || article.publishedAt != null
                && (story.firstPublished == null || article.publishedAt.isBefore(story.firstPublished));
        boolean titled = article.title != null && !article.title.isBlank();
        if (earliest && titled || story.label == null) {
            story.label = titled ? article.title.strip() : opening(article.text);
        }
        storyProfile.add(profile);
        story.update(storyProfile);
        article.storyId = story.id;
        article.profileVector = EmbeddingService.toBytes(profile.vector());
        article.profileNames = Story.format(profile.names());
        touch(story);
    }

    /** The opening words of an untitled article, as a name for its story. */
    static String opening(String text) {
        String first = text.strip().lines().findFirst().orElse("").strip();
        return first.length() <= LABEL_CHARS ? first : first.substring(0, first.lastIndexOf(' ', LABEL_CHARS) > 0
                ? first.lastIndexOf(' ', LABEL_CHARS) : LABEL_CHARS) + " …";
    }

    private void touch(Story story) {
        story.revision++;
        story.lastActivity = OffsetDateTime.now(ZoneOffset.UTC);
        changed.fire(new StoryChanged(story.id));
    }

    /** Waits for (then holds, until commit) the one row every placement locks. */
    static void lockAssignments() {
        Story.getEntityManager().createNativeQuery("select id from story_assignment_lock where id = 1 for update")
                .getSingleResult();
    }

    static ArticleProfile profile(Article article) {
        return new ArticleProfile(article.id, EmbeddingService.toVector(article.profileVector),
                Story.names(article.profileNames), article.publishedAt);
    }

    /** Stories with at least one article, newest activity first. */
    @Transactional
    public List<Story> page(int page, int size) {
        return Story.<Story> find("articleCount > 0 order by lastActivity desc, id desc").page(Page.of(page, size)).list();
    }

    @Transactional
    public long count() {
        return Story.count("articleCount > 0");
    }

    @Transactional
    public Optional<Story> find(long id) {
        return Story.<Story> findByIdOptional(id).filter(s -> s.articleCount > 0);
    }

    /** One page of a story's articles, newest first. */
    @Transactional
    public List<Article> articles(long storyId, int page, int size) {
        return Article.<Article> find("storyId = ?1 order by publishedAt desc nulls last, id", storyId).page(Page.of(page, size))
                .list();
    }

    /** The story of each article that has one. */
    @Transactional
    public Map<String, Long> storiesOf(List<String> articleIds) {
        Map<String, Long> stories = new java.util.HashMap<>();
        if (!articleIds.isEmpty()) {
            Story.getEntityManager().createQuery("select a.id, a.storyId from Article a where a.id in ?1 and a.storyId is not null",
                    Object[].class).setParameter(1, articleIds).getResultList()
                    .forEach(row -> stories.put((String) row[0], (Long) row[1]));
        }
        return stories;
    }

    @Transactional
    public Map<Long, Story> byIds(List<Long> ids) {
        Map<Long, Story> stories = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            Story.<Story> list("id in ?1", ids).forEach(s -> stories.put(s.id, s));
        }
        return stories;
    }
}
