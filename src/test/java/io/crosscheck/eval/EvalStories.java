package io.crosscheck.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.crosscheck.ingest.Chunker;
import io.crosscheck.stories.ArticleProfile;
import io.crosscheck.stories.SalientNames;
import io.crosscheck.stories.StoryClusterer;
import io.crosscheck.stories.StoryProfile;
import io.crosscheck.text.CleanedText;
import io.crosscheck.text.TextCleaner;
import io.crosscheck.text.WordPieceCounter;

/**
 * The stories of the evaluation corpus: the gold stories of {@code story-gold.json}, the articles of
 * {@code eval/stories/} that complete them, and the stories {@link StoryClusterer} forms online over the whole
 * corpus, with articles profiled as the service profiles them. Article ids carry no extension.
 */
public final class EvalStories {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalStories() {
    }

    /** Gold story of every article of the seeds, {@code eval/articles/} and {@code eval/stories/}. */
    public static Map<String, String> goldStoryOf() {
        try {
            Map<String, String> storyOf = new HashMap<>();
            JSON.readTree(EvalCorpus.resource("/eval/story-gold.json")).get("stories").forEach(story -> story.get("articles")
                    .forEach(a -> storyOf.put(a.asText(), story.get("story").asText())));
            return storyOf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The articles of {@code eval/stories/}, which complete the stories of the seeds and {@code eval/articles/}. */
    public static List<EvalCorpus.Doc> storyDocs() {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/eval/stories"))) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().map(EvalStories::storyDoc).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seeds, {@code eval/articles/} and {@code eval/stories/}: the 42 articles of the ten gold stories. */
    public static List<EvalCorpus.Doc> allDocs() {
        List<EvalCorpus.Doc> docs = new ArrayList<>(EvalCorpus.all());
        docs.addAll(storyDocs());
        return docs;
    }

    /**
     * The story {@link StoryClusterer} (defaults) gives each article when the documents arrive in chronological order
     * (undated first), one online pass with the candidate window, as the service assigns them at ingestion.
     */
    public static Map<String, String> clusteredStoryOf(List<EvalCorpus.Doc> docs, EmbeddingModel model) {
        List<ArticleProfile> order = new ArrayList<>(profiles(docs, model));
        order.sort(Comparator.comparing(ArticleProfile::publishedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ArticleProfile::articleId));
        Map<String, String> storyOf = new LinkedHashMap<>();
        onlinePass(order, new StoryClusterer()).forEach((article, story) -> storyOf.put(article, "story-" + story));
        return storyOf;
    }

    /** One online pass: each article joins the best candidate story or starts a new one. Article id to story id. */
    public static Map<String, Integer> onlinePass(List<ArticleProfile> order, StoryClusterer clusterer) {
        List<StoryProfile> stories = new ArrayList<>();
        Map<String, Integer> assignment = new LinkedHashMap<>();
        for (ArticleProfile article : order) {
            List<StoryProfile> candidates = stories.stream().filter(s -> StoryClusterer.isCandidate(s, article.publishedAt())).toList();
            StoryProfile story = clusterer.bestMatch(article, candidates).orElseGet(() -> {
                StoryProfile created = new StoryProfile(stories.size());
                stories.add(created);
                return created;
            });
            story.add(article);
            assignment.put(article.articleId(), (int) story.id());
        }
        return assignment;
    }

    /** Each article as the service profiles it: cleaned, chunked, chunk vectors averaged and normalised. */
    private static List<ArticleProfile> profiles(List<EvalCorpus.Doc> docs, EmbeddingModel model) {
        Chunker chunker = new Chunker(150, 220, 300, 50, WordPieceCounter::count);
        List<ArticleProfile> profiles = new ArrayList<>();
        for (EvalCorpus.Doc doc : docs) {
            CleanedText text = TextCleaner.clean(doc.raw(), TextCleaner.Format.TEXT);
            List<TextSegment> chunks = chunker.chunk(text.text()).stream()
                    .map(p -> TextSegment.from(text.text().substring(p.start(), p.end()))).toList();
            List<float[]> vectors = model.embedAll(chunks).content().stream().map(e -> e.vector()).toList();
            String title = doc.title() != null ? doc.title() : text.title();
            String outlet = doc.outlet() != null ? doc.outlet() : text.outlet();
            LocalDate date = doc.publishedAt() != null ? doc.publishedAt() : text.publishedAt();
            profiles.add(new ArticleProfile(doc.id(), ArticleProfile.meanOf(vectors), SalientNames.of(title, text.text(), outlet), date));
        }
        return profiles;
    }

    private static EvalCorpus.Doc storyDoc(Path file) {
        try {
            String id = file.getFileName().toString().replace(".txt", "");
            JsonNode meta = JSON.readTree(file.resolveSibling(id + ".meta.json").toFile());
            return new EvalCorpus.Doc(id, Files.readString(file), meta.path("title").asText(null), meta.path("outlet").asText(null),
                    LocalDate.parse(meta.get("publishedAt").asText()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
