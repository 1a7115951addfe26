package io.crosscheck.slack;

import static io.crosscheck.slack.SlackRequests.formOf;
import static io.crosscheck.slack.SlackRequests.posts;
import static io.crosscheck.slack.SlackRequests.responses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A restart between acknowledgement and answer: the question was recorded (as the endpoints do before their 200) but
 * no worker ran; the start-up recovery answers it once, and running it again answers nothing.
 */
@QuarkusTest
class SlackDeliveryRecoveryTest {

    @InjectFakeSlack
    WireMockServer slack;

    @Inject
    SlackDeliveryService deliveries;

    @Inject
    SlackDeliveryWorker worker;

    @Test
    void questionsAcceptedBeforeARestartAreAnsweredExactlyOnce() throws Exception {
        SlackDelivery mention = new SlackDelivery();
        mention.kind = SlackDelivery.EVENT;
        mention.deliveryKey = "Ev0RECOVER1";
        mention.teamId = "T0CROSS";
        mention.channelId = "C0RECOVER";
        mention.userId = "U0ASKER";
        mention.messageTs = "1800000800.000100";
        mention.threadTs = mention.messageTs;
        mention.conversationKey = "T0CROSS:C0RECOVER:1800000800.000100";
        mention.question = "How many North Korean soldiers have been killed?";
        Optional<Long> mentionId = deliveries.accept(mention);

        SlackDelivery command = new SlackDelivery();
        command.kind = SlackDelivery.COMMAND;
        command.deliveryKey = "command:trigger-recover";
        command.teamId = "T0CROSS";
        command.channelId = "C0RECOVERCMD";
        command.userId = "U0ASKER";
        command.conversationKey = "T0CROSS:C0RECOVERCMD:U0ASKER";
        command.question = "How many troops did North Korea send?";
        command.responseUrl = "http://localhost:" + slack.port() + "/response/recover-command";
        Optional<Long> commandId = deliveries.accept(command);
        assertTrue(mentionId.isPresent() && commandId.isPresent());

        List<CompletableFuture<Void>> recovered = worker.recover();
        assertEquals(2, recovered.size());
        CompletableFuture.allOf(recovered.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertEquals(1, posts(slack, "C0RECOVER").size());
        assertEquals("1800000800.000100", formOf(posts(slack, "C0RECOVER").get(0)).get("thread_ts"));
        assertEquals(1, responses(slack, "recover-command").size());
        assertEquals(SlackDelivery.ANSWERED, deliveries.find(mentionId.get()).orElseThrow().status);
        assertEquals(SlackDelivery.ANSWERED, deliveries.find(commandId.get()).orElseThrow().status);

        assertEquals(0, worker.recover().size(), "nothing is left to answer");
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        assertEquals(1, posts(slack, "C0RECOVER").size());
        assertEquals(1, responses(slack, "recover-command").size());
        // the same event arriving again after the restart is still recognised
        assertTrue(deliveries.accept(copyOf(mention)).isEmpty());
    }

    private static SlackDelivery copyOf(SlackDelivery original) {
        SlackDelivery copy = new SlackDelivery();
        copy.kind = original.kind;
        copy.deliveryKey = "Ev0RECOVER2";
        copy.teamId = original.teamId;
        copy.channelId = original.channelId;
        copy.messageTs = original.messageTs;
        copy.threadTs = original.threadTs;
        copy.conversationKey = original.conversationKey;
        copy.question = original.question;
        return copy;
    }
}
