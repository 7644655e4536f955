package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.platform.Ports;
import io.newswatch.testkit.SlowHeaderClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose Kafka cluster is gone: readiness says so (and the log says when it started), the
 * management port keeps answering liveness probes even with slow-header clients on it, and a stop
 * takes less than 10 s instead of waiting out every client's close timeout.
 */
class BrokerLossIT {

  private static final Duration STOP_LIMIT = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path dir;

  @Test
  void shouldAnswerNotReadyAndStopQuicklyWhenEnrichHasNoBroker() throws Exception {
    int[] ports = Ports.freePorts(3); // distinct: nothing listens on the broker's and registry's
    int management = ports[0];
    List<String> args = List.of("enrich", "--bootstrap-servers", "127.0.0.1:" + ports[1],
        "--registry-url", "http://127.0.0.1:" + ports[2] + "/apis/ccompat/v7",
        "--set", "management.port=" + management, "--set", "enrich.state.dir=" + dir.resolve("streams"));
    try (CliProcess enrich = CliProcess.of("enrich-no-broker", dir, args, Map.of()).start()) {
      await("readiness DOWN for kafka").atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> {
            HttpResponse<String> ready = get(management, "/health/ready");
            return ready.statusCode() == 503 && ready.body().contains("\"kafka\":\"DOWN\"");
          });
      await("the outage in the log").atMost(Duration.ofSeconds(10))
          .until(() -> enrich.output().contains("does not answer"));
      try (SlowHeaderClients slow = SlowHeaderClients.open(management, "/health/live", 3, Duration.ofMillis(200))) {
        assertThat(get(management, "/health/live").statusCode()).isEqualTo(200);
      }

      assertThat(stopTime(enrich)).as(enrich.tail(20)).isLessThan(STOP_LIMIT);
    }
  }

  @Test
  void shouldReportTheLossAndStopQuicklyWhenTheSinksBrokerFreezes() throws Exception {
    try (OwnPlatform platform = OwnPlatform.start(dir.resolve("platform"))) {
      int management = Ports.freePort();
      List<String> args = List.of("sink", "--bootstrap-servers", platform.bootstrapServers(),
          "--registry-url", platform.registryUrl(), "--live-port", "-1",
          "--set", "management.port=" + management, "--set", "registry.auto-register=true",
          "--set", "sink.file.dir=" + dir.resolve("files"), "--set", "sink.state.dir=" + dir.resolve("sink"));
      try (CliProcess sink = CliProcess.of("sink-broker-loss", dir, args, Map.of()).start()) {
        await("sink ready").atMost(Duration.ofSeconds(90)).ignoreExceptions()
            .until(() -> get(management, "/health/ready").statusCode() == 200);

        platform.freezeBroker();
        try {
          await("readiness DOWN for kafka").atMost(Duration.ofSeconds(30)).ignoreExceptions()
              .until(() -> get(management, "/health/ready").body().contains("\"kafka\":\"DOWN\""));
          // Readiness flips before the warning is logged, and the log reaches us through a pipe.
          await("the outage in the log").atMost(Duration.ofSeconds(10))
              .until(() -> sink.output().contains("does not answer"));
          assertThat(stopTime(sink)).as(sink.tail(20)).isLessThan(STOP_LIMIT);
        } finally {
          platform.thawBroker();
        }
      }
    }
  }

  /** SIGTERM, and how long the process took to exit. */
  private static Duration stopTime(CliProcess process) {
    long t0 = System.nanoTime();
    process.stop(Duration.ofSeconds(30));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    Report r = new Report("broker-loss-" + process);
    r.line("reliability: broker_loss=%s stop_ms=%d", process, took.toMillis());
    r.write();
    return took;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
