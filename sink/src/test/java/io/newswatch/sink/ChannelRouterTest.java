package io.newswatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.DeliveryResult.Outcome;
import io.newswatch.sink.file.JsonlFileChannel;
import io.newswatch.sink.file.JsonlFileConfig;
import io.newswatch.sink.live.LiveChannel;
import io.newswatch.sink.live.RecentAlerts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelRouterTest {

    @TempDir
    Path dir;

    @Test
    void shouldDeliverThroughEachKindAndFailUnconfiguredKindWhenRoutingOneAlert() {
        RecentAlerts recent = new RecentAlerts(10);
        Alert alert = Fixtures.alert("a1");
        try (ChannelRouter router = new ChannelRouter(Map.of(
                Channel.FILE, new JsonlFileChannel(JsonlFileConfig.defaults()),
                Channel.LIVE, new LiveChannel(recent)))) {

            List<DeliveryResult> results = router.deliverAll(List.of(
                    Fixtures.subscription("f", Channel.FILE, dir.toString()),
                    Fixtures.subscription("l", Channel.LIVE, ""),
                    Fixtures.subscription("p", Channel.POSTGRES, "")), alert).join();

            assertThat(results).extracting(DeliveryResult::deliveryKey).containsExactly("f:a1", "l:a1", "p:a1");
            assertThat(results).extracting(DeliveryResult::outcome)
                    .containsExactly(Outcome.DELIVERED, Outcome.DELIVERED, Outcome.FAILED);
            assertThat(results.get(2).detail()).contains("no POSTGRES channel is configured");
            assertThat(recent.size()).isEqualTo(1);
        }
    }

    @Test
    void shouldTellEveryChannelWhenASubscriptionIsForgotten() {
        List<String> forgotten = new ArrayList<>();
        AlertChannel recording = new AlertChannel() {
            @Override
            public CompletableFuture<DeliveryResult> deliver(Subscription subscription, Alert alert) {
                return CompletableFuture.completedFuture(DeliveryResult.delivered(DeliveryKey.of(subscription, alert), 1));
            }

            @Override
            public void forget(String subscriptionId) {
                forgotten.add(subscriptionId);
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
        try (ChannelRouter router = new ChannelRouter(Map.of(Channel.WEBHOOK, recording,
                Channel.LIVE, new LiveChannel(new RecentAlerts(10))))) {
            router.forget("gone");
        }

        assertThat(forgotten).containsExactly("gone");
    }
}
