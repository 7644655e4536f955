package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.newswatch.platform.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's main command, as a script would run it: {@code newswatch run --until-idle} over the
 * sample folder and a feed served from this test, on its own embedded platform. Every source is read,
 * alerts reach the terminal and the JSONL file; a second run continues where the first stopped,
 * alerts only the feed's new item, and processes it within seconds of starting (a restart used to
 * wait for the old enrich member's 45 s session timeout).
 */
class RunCommandIT {
  private static final Logger log = LoggerFactory.getLogger(RunCommandIT.class);
  /** Where the feed server listens; loopback, so a feed fetcher that denies private addresses must allow it. */
  private static final String FEED_HOST = "127.0.0.1";
  /**
   * Settings the feed needs besides --feeds (e.g. an allow-list for {@link #FEED_HOST}, should the fetcher
   * deny loopback by default); each entry becomes a {@code --set}.
   */
  private static final List<String> FEED_SETTINGS = List.of("ingest.fetch.allow-networks=" + FEED_HOST);
  /** A generous guard: measured here at a few seconds; before enrich left its group on close it was ~45 s. */
  private static final Duration RESTART_BOUND = Duration.ofSeconds(20);

  @TempDir
  Path data;

  private HttpServer feedServer;
  private final AtomicReference<String> feedVersion = new AtomicReference<>("run/feed-v1.xml");
  private final AtomicInteger feedRequests = new AtomicInteger();

  @AfterEach
  void stopFeedServer() {
    if (feedServer != null) {
      feedServer.stop(0);
    }
  }

  @Test
  void shouldReadEverySourceAlertOnceAndRestartQuicklyWhenRunTwiceUntilIdle() throws Exception {
    Path feeds = feedsFile(startFeedServer());
    String[] args = args(feeds);

    TestCli.Run first = TestCli.run(args);
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("ingested 5 new articles").contains("polled 1 feeds").contains("2 new articles")
        .contains("idle, stopping");
    assertThat(feedRequests.get()).isGreaterThanOrEqualTo(1);
    List<String> printed = alerts(first.out());
    assertThat(printed.size()).isGreaterThanOrEqualTo(7);
    assertThat(String.join("\n", printed)).contains("dmz").contains("russia_deployment").contains("deterrence")
        .contains("North Korean soldiers cross the Military Demarcation Line")
        .contains("Pyongyang sends more troops to Russia");
    List<String> lines = alertLines();
    assertThat(lines).hasSize(printed.size());
    assertThat(lines).allSatisfy(l -> assertThat(l).contains("\"deliveryKey\":\"desk-file:"));

    feedVersion.set("run/feed-v2.xml");
    TestCli.Live second = TestCli.start(args);
    long[] marks = new long[2];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
      if (marks[0] == 0 && second.outSoFar().contains("ingested 0 new articles")) {
        marks[0] = System.nanoTime();
      }
      return second.outSoFar().contains("ALERT ") || second.code().isDone();
    });
    marks[1] = System.nanoTime();
    Duration toFirstAlert = Duration.ofNanos(marks[1] - marks[0]);
    TestCli.Run done = second.join();
    log.info("restart: first alert {} ms after enrich and sink were up and the folder was imported",
        toFirstAlert.toMillis());

    assertThat(done.code()).as(done.out() + done.err()).isZero();
    assertThat(done.out()).contains("(5 already imported earlier").contains("polled 1 feeds").contains("1 new articles");
    assertThat(alerts(done.out())).singleElement().asString().contains("deterrence")
        .contains("Allies pledge extended deterrence");
    assertThat(alertLines()).hasSize(printed.size() + 1);
    assertThat(toFirstAlert).isLessThan(RESTART_BOUND);

    // A third run turns every port off with its documented "off" value: -1 for the management
    // port crashed the start with a NullPointerException in the readiness wiring.
    TestCli.Run third = TestCli.run(offArgs());
    assertThat(third.code()).as(third.out() + third.err()).isZero();
    assertThat(third.err()).doesNotContain("NullPointerException");
    assertThat(third.out()).contains("the live page was (live page off)");
    assertThat(third.out()).contains("ingested 0 new articles").contains("(5 already imported earlier");
    assertThat(third.out().lines().filter(l -> l.startsWith("ALERT "))).isEmpty();
    assertThat(alertLines()).hasSize(printed.size() + 1);
  }

  private String[] offArgs() {
    return new String[] {"run", "--until-idle", "--data-dir", data.toString(),
        "--kafka-port", port(), "--controller-port", port(), "--registry-port", port(),
        "--registry-management-port", port(), "--live-port", "-1", "--set", "management.port=-1",
        "--set", "sink.live.port=-1", "--set", "ingest.http.port=-1"};
  }

  private String[] args(Path feeds) {
    List<String> args = new ArrayList<>(List.of("run", "--until-idle", "--data-dir", data.toString(),
        "--feeds", feeds.toString(),
        "--kafka-port", port(), "--controller-port", port(), "--registry-port", port(),
        "--registry-management-port", port(), "--live-port", port(), "--set", "management.port=0"));
    FEED_SETTINGS.forEach(s -> args.addAll(List.of("--set", s)));
    return args.toArray(String[]::new);
  }

  /** Serves the current version of the test feed from src/test/resources, counting requests. */
  private String startFeedServer() throws IOException {
    feedServer = HttpServer.create(new InetSocketAddress(FEED_HOST, 0), 0);
    feedServer.createContext("/rss.xml", exchange -> {
      feedRequests.incrementAndGet();
      byte[] body = resource(feedVersion.get());
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    feedServer.start();
    return "http://" + FEED_HOST + ":" + feedServer.getAddress().getPort() + "/rss.xml";
  }

  private Path feedsFile(String url) throws IOException {
    String yaml = new String(resource("run/feeds.yaml"), StandardCharsets.UTF_8).replace("${url}", url);
    return Files.writeString(data.resolve("feeds.yaml"), yaml, StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) {
    try (InputStream in = RunCommandIT.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


  private static String port() {
    return Integer.toString(Ports.freePort());
  }

  private static List<String> alerts(String out) {
    List<String> alerts = new ArrayList<>();
    List<String> lines = out.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("ALERT ")) {
        alerts.add(lines.get(i) + (i + 1 < lines.size() ? "\n" + lines.get(i + 1) : ""));
      }
    }
    return alerts;
  }

  private List<String> alertLines() throws IOException {
    // The README promises data/alerts.jsonl; a run this short never rotates it.
    return Files.readAllLines(data.resolve("alerts.jsonl"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank()).toList();
  }
}
