package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.platform.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, as a script would run it: {@code newswatch run --until-idle} over the
 * sample folder on its own embedded platform. Alerts reach the terminal and the JSONL file; a
 * second run continues where the first stopped and alerts nothing again.
 */
class RunCommandIT {
  @TempDir
  Path data;

  @Test
  void shouldAlertOnTheSamplesOnceAndNotAgainWhenRunTwice() throws Exception {
    String[] args = args();
    TestCli.Run first = TestCli.run(args);
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("ingested 5 new articles").contains("idle, stopping");
    long printed = first.out().lines().filter(l -> l.startsWith("ALERT ")).count();
    assertThat(printed).isGreaterThanOrEqualTo(5);
    assertThat(first.out()).contains("dmz").contains("russia_deployment").contains("deterrence");
    List<String> alerts = alertLines();
    assertThat(alerts).hasSize((int) printed);
    assertThat(alerts).allSatisfy(l -> assertThat(l).contains("\"deliveryKey\":\"desk-file:"));

    // The second run also turns every port off with its documented "off" value: -1 for the management
    // port crashed the start with a NullPointerException in the readiness wiring.
    TestCli.Run second = TestCli.run(offArgs());
    assertThat(second.code()).as(second.out() + second.err()).isZero();
    assertThat(second.err()).doesNotContain("NullPointerException");
    assertThat(second.out()).contains("the live page was (live page off)");
    assertThat(second.out()).contains("ingested 0 new articles").contains("(5 already imported earlier");
    assertThat(second.out().lines().filter(l -> l.startsWith("ALERT "))).isEmpty();
    assertThat(alertLines()).hasSize((int) printed);
  }

  private String[] args() {
    return new String[] {"run", "--until-idle", "--data-dir", data.toString(),
        "--kafka-port", port(), "--controller-port", port(), "--registry-port", port(),
        "--registry-management-port", port(), "--live-port", port(), "--set", "management.port=0"};
  }

  private String[] offArgs() {
    return new String[] {"run", "--until-idle", "--data-dir", data.toString(),
        "--kafka-port", port(), "--controller-port", port(), "--registry-port", port(),
        "--registry-management-port", port(), "--live-port", "-1", "--set", "management.port=-1",
        "--set", "sink.live.port=-1", "--set", "ingest.http.port=-1"};
  }

  private static String port() {
    return Integer.toString(Ports.freePort());
  }

  private List<String> alertLines() throws IOException {
    // The README promises data/alerts.jsonl; a run this short never rotates it.
    return Files.readAllLines(data.resolve("alerts.jsonl"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank()).toList();
  }
}
