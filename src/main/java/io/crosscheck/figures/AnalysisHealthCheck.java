package io.crosscheck.figures;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.crosscheck.stories.StoryBackfill;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How far the analysis of stories lags behind ingestion, and how far the background upgrades have got. Always UP:
 * questions are answered from the last committed measures meanwhile, and they say so.
 */
@Readiness
@ApplicationScoped
public class AnalysisHealthCheck implements HealthCheck {

    private final StoryAnalysisService analysis;
    private final FigureUpgrade upgrade;
    private final StoryBackfill backfill;

    public AnalysisHealthCheck(StoryAnalysisService analysis, FigureUpgrade upgrade, StoryBackfill backfill) {
        this.analysis = analysis;
        this.upgrade = upgrade;
        this.backfill = backfill;
    }

    @Override
    public HealthCheckResponse call() {
        StoryAnalysisService.Backlog backlog = analysis.backlog();
        return HealthCheckResponse.named("story-analysis").up()
                .withData("storiesPending", backlog.pendingStories())
                .withData("lagSeconds", Math.round(backlog.lagSeconds() * 10) / 10.0 + "")
                .withData("articlesAwaitingStory", backfill.remaining())
                .withData("articlesAwaitingReextraction", upgrade.remaining())
                .build();
    }
}
