package io.newswatch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.CollectingSink;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.TestServer;
import io.newswatch.ingest.feed.AddressPolicy;
import io.newswatch.ingest.feed.Backoff;
import io.newswatch.ingest.feed.FeedConfig;
import io.newswatch.ingest.feed.FeedLimits;
import io.newswatch.ingest.feed.FeedPoller;
import io.newswatch.ingest.feed.HttpFetcher;
import io.newswatch.ingest.feed.IdentityPolicy;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedRunnerTest {

  private final TestServer server = new TestServer();
  private final CollectingSink sink = new CollectingSink();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldPollAFastFeedOnScheduleWhenManyOtherFeedsHang() {
    AtomicInteger fastPolls = new AtomicInteger();
    AtomicInteger hangingPolls = new AtomicInteger();
    byte[] feed = TestServer.resource("/feeds/empty-rss.xml");
    server.route("/fast", exchange -> {
      fastPolls.incrementAndGet();
      exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
      exchange.sendResponseHeaders(200, feed.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(feed);
      }
    });
    server.route("/hang", exchange -> {
      hangingPolls.incrementAndGet();
      try {
        server.release.await(); // never answers while the test runs
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    FeedLimits slow = FeedLimits.defaults().withReadTimeout(Duration.ofSeconds(30));
    List<FeedConfig> feeds = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      feeds.add(new FeedConfig("hanging-" + i, server.uri("/hang"), Duration.ofSeconds(1), IdentityPolicy.GUID, slow,
          false));
    }
    feeds.add(new FeedConfig("fast", server.uri("/fast"), Duration.ofSeconds(1), IdentityPolicy.GUID, slow, false));
    FeedPoller poller = new FeedPoller(new HttpFetcher(Duration.ofSeconds(2), "newswatch-test",
        AddressPolicy.allowing("127.0.0.1")), new ArticleNormalizer(), new IngestMetrics(new SimpleMeterRegistry()),
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), new Random(1)), Clock.systemUTC());

    try (FeedRunner runner = new FeedRunner(feeds, poller, sink, Map.of())) {
      runner.start();

      // Eight feeds hang for 30 s each; the fast one is still polled every second.
      await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(fastPolls).hasValueGreaterThanOrEqualTo(3));
      assertThat(hangingPolls).as("every hanging feed was started, none finished").hasValue(8);
      assertThat(sink.feedStates).allSatisfy(s -> assertThat(s.getFeedId()).isEqualTo("fast"));
      server.close(); // lets the hanging polls end, so closing the runner does not wait for them
    }
  }
}
