package io.newswatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  void shouldServePrometheusMetricsWhenScraped() throws Exception {
    try (ManagementServer m = ManagementServer.start("127.0.0.1", 0)) {
      m.meterRegistry().counter("newswatch.test.events", "stage", "unit").increment(3);
      HttpResponse<String> res = get(m, "/metrics");
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).contains("newswatch_test_events_total{stage=\"unit\"} 3.0").contains("jvm_memory_used_bytes");
    }
  }

  private HttpResponse<String> get(ManagementServer m, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
