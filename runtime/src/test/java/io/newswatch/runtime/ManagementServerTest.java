package io.newswatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.testkit.SlowHeaderClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ManagementServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldReportReadyOnlyWhenEveryCheckPasses() throws Exception {
    try (ManagementServer m = ManagementServer.start("127.0.0.1", 0)) {
      AtomicBoolean streams = new AtomicBoolean(false);
      m.addReadinessCheck("streams", streams::get);
      assertThat(get(m, "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> notReady = get(m, "/health/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("\"streams\":\"DOWN\"");
      streams.set(true);
      assertThat(get(m, "/health/ready").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldReportNotAliveWhenAThreadTheServiceNeedsHasDied() throws Exception {
    try (ManagementServer m = ManagementServer.start("127.0.0.1", 0)) {
      AtomicBoolean loop = new AtomicBoolean(true);
      m.addLivenessCheck("sink-alerts", loop::get);
      assertThat(get(m, "/health/live").statusCode()).isEqualTo(200);
      loop.set(false);
      HttpResponse<String> dead = get(m, "/health/live");
      assertThat(dead.statusCode()).as("an orchestrator restarts what is not alive").isEqualTo(503);
      assertThat(dead.body()).contains("\"sink-alerts\":\"DOWN\"");
    }
  }

  @Test
  void shouldServePrometheusMetricsWhenScraped() throws Exception {
    try (ManagementServer m = ManagementServer.start("127.0.0.1", 0)) {
      m.meterRegistry().counter("newswatch.test.events", "stage", "unit").increment(3);
      HttpResponse<String> res = get(m, "/metrics");
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).contains("newswatch_test_events_total{stage=\"unit\"} 3.0").contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void shouldAnswerLivenessAtOnceWhenSlowClientsDribbleTheirHeaders() throws Exception {
    try (ManagementServer m = ManagementServer.start("127.0.0.1", 0);
        SlowHeaderClients slow = SlowHeaderClients.open(m.port(), "/health/live", 3, Duration.ofMillis(200))) {
      long t0 = System.nanoTime();
      assertThat(get(m, "/health/live").statusCode()).isEqualTo(200);
      assertThat(get(m, "/health/ready").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void shouldAnswer404And405WhenPathOrMethodIsWrong() throws Exception {
    try (ManagementServer m = ManagementServer.start("127.0.0.1", 0)) {
      assertThat(get(m, "/nope").statusCode()).isEqualTo(404);
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(m, "/health/live"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  private HttpResponse<String> get(ManagementServer m, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(m, path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(ManagementServer m, String path) {
    return URI.create("http://127.0.0.1:" + m.port() + path);
  }
}
