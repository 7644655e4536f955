package io.newswatch.runtime;

import static org.awaitility.Awaitility.await;

import io.newswatch.platform.Ports;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

@WithPlatform
class KafkaConnectivityIT {

  @Test
  void shouldBeReachableWhenTheBrokerAnswers(TestPlatform platform) {
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", platform.bootstrapServers());
    try (KafkaConnectivity probe = KafkaConnectivity.start(kafka, Duration.ofMillis(500))) {
      await().atMost(Duration.ofSeconds(10)).until(probe::reachable);
    }
  }

  @Test
  void shouldStayUnreachableWhenNoBrokerListens() {
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", "127.0.0.1:" + Ports.freePort());
    try (KafkaConnectivity probe = KafkaConnectivity.start(kafka, Duration.ofMillis(500))) {
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !probe.reachable());
    }
  }
}
