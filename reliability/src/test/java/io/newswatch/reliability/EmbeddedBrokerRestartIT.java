package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@link TestPlatform#restartBroker()} does what it says on the backend this build uses: records
 * written before the restart are still there after it, and the broker takes new ones.
 */
@WithPlatform
class EmbeddedBrokerRestartIT {

  @Test
  void shouldKeepRecordsAndTakeNewOnesWhenTheTestkitBrokerRestarts(TestPlatform platform) throws Exception {
    String topic = platform.uniqueName("restart");
    platform.createTopics(Map.of(topic, 1));
    send(platform, topic, "before");
    platform.restartBroker();
    send(platform, topic, "after");
    try (TopicTail tail = TopicTail.follow(platform.bootstrapServers(), topic)) {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(tail.countByKey()).containsOnlyKeys("before", "after"));
    }
  }

  private static void send(TestPlatform platform, String topic, String key) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, key)).get();
    }
  }
}
