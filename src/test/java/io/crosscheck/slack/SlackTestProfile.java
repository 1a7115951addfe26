package io.crosscheck.slack;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Slack configured against the local fake; the Slack tests share one application start. */
public class SlackTestProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeSlackResource.class));
    }
}
