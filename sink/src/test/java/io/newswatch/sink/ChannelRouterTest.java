package io.newswatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.sink.DeliveryResult.Outcome;
import io.newswatch.sink.file.JsonlFileChannel;
import io.newswatch.sink.file.JsonlFileConfig;
import io.newswatch.sink.live.LiveChannel;
import io.newswatch.sink.live.RecentAlerts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
}
