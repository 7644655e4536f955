package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.TestServer;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.FeedState;
import io.newswatch.schemas.avro.SourceType;
import java.io.OutputStream;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedPollerTest {

  private final TestServer server = new TestServer();
  private final AtomicReference<byte[]> document = new AtomicReference<>();
  private final AtomicReference<String> etag = new AtomicReference<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Clock clock = Clock.fixed(Instant.parse("2025-11-17T10:00:00Z"), ZoneOffset.UTC);
  // The test server is on loopback, which the fetcher refuses unless allowed.
  private final HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(2), "newswatch-test",
      AddressPolicy.allowing("127.0.0.1"));
  private final FeedPoller poller = new FeedPoller(fetcher, new ArticleNormalizer(), new IngestMetrics(registry),
      new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), new Random(7)), clock);

  FeedPollerTest() {
    server.route("/feed", exchange -> {
      requests.incrementAndGet();
      String tag = etag.get();
      if (tag != null && tag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
        exchange.close();
        return;
      }
      if (tag != null) {
        exchange.getResponseHeaders().add("ETag", tag);
      }
      exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
      byte[] body = document.get();
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private FeedConfig config(IdentityPolicy identity) {
    return new FeedConfig("wire", server.uri("/feed"), Duration.ofMinutes(5), identity, FeedLimits.defaults(), false);
  }

  @Test
  void shouldPublishNewItemsOnceWhenStateIsReusedAfterRestart() {
    document.set(TestServer.resource("/feeds/rss-two-items.xml"));

    PollResult first = poller.poll(config(IdentityPolicy.GUID), null);
    // A restarted service reads the state back from the compacted topic and polls again.
    PollResult afterRestart = poller.poll(config(IdentityPolicy.GUID), first.state());
    document.set(TestServer.resource("/feeds/rss-three-items.xml"));
    PollResult later = poller.poll(config(IdentityPolicy.GUID), afterRestart.state());

    assertThat(first.outcome()).isEqualTo(PollOutcome.NEW);
    assertThat(first.articles()).hasSize(2).allSatisfy(a -> {
      assertThat(a.getLang()).isEqualTo("en");
      assertThat(a.getSourceType()).isEqualTo(SourceType.FEED);
      assertThat(a.getAttributes()).containsEntry("feed.id", "wire");
    });
    assertThat(first.articles().getFirst().getCanonicalUrl()).isEqualTo("http://example.test/news/1");
    assertThat(first.state().getSeen()).hasSize(2);
    assertThat(afterRestart.outcome()).isEqualTo(PollOutcome.NEW);
    assertThat(afterRestart.articles()).isEmpty();
    assertThat(later.articles()).extracting(Article::getTitle)
        .containsExactly("Seoul demands the withdrawal of troops from Russia");
    assertThat(registry.get(IngestMetrics.NEW).tag("source", "wire").counter().count()).isEqualTo(3);
    assertThat(registry.get(IngestMetrics.FETCHED).tag("source", "wire").counter().count()).isEqualTo(3);
  }

  @Test
  void shouldHonourConditionalGetWhenServerAnswers304() {
    document.set(TestServer.resource("/feeds/rss-two-items.xml"));
    etag.set("\"rev-1\"");

    PollResult first = poller.poll(config(IdentityPolicy.GUID), null);
    PollResult second = poller.poll(config(IdentityPolicy.GUID), first.state());

    assertThat(first.state().getEtag()).isEqualTo("\"rev-1\"");
    assertThat(second.outcome()).isEqualTo(PollOutcome.NOT_MODIFIED);
    assertThat(second.articles()).isEmpty();
    assertThat(second.state().getSeen()).isEqualTo(first.state().getSeen());
    assertThat(registry.get(IngestMetrics.NOT_MODIFIED).tag("source", "wire").counter().count()).isEqualTo(1);
  }

  @Test
  void shouldPublishAndCountAReusedGuidWhenItCarriesAnotherStory() {
    document.set(TestServer.resource("/feeds/guid-reuse-v1.xml"));
    PollResult guidFirst = poller.poll(config(IdentityPolicy.GUID), null);
    PollResult hashFirst = poller.poll(config(IdentityPolicy.CONTENT_HASH), null);

    document.set(TestServer.resource("/feeds/guid-reuse-v2.xml"));
    PollResult guidSecond = poller.poll(config(IdentityPolicy.GUID), guidFirst.state());
    PollResult hashSecond = poller.poll(config(IdentityPolicy.CONTENT_HASH), hashFirst.state());
    PollResult guidThird = poller.poll(config(IdentityPolicy.GUID), guidSecond.state());

    assertThat(guidSecond.articles()).as("a GUID seen with other content is a new item, not a silent drop")
        .extracting(Article::getTitle).containsExactly("Evening briefing: troops reported in Kursk");
    assertThat(hashSecond.articles()).extracting(Article::getTitle)
        .containsExactly("Evening briefing: troops reported in Kursk");
    assertThat(guidThird.articles()).as("the new story is remembered like any other").isEmpty();
    assertThat(registry.get(IngestMetrics.REUSED_IDENTITY).tag("source", "wire").counter().count()).isEqualTo(1);
    // Under the old story's id enrich would read the new story as the old one delivered again: no alert.
    String oldId = guidFirst.articles().getFirst().getId();
    assertThat(guidSecond.articles().getFirst().getId()).as("its own id").isNotEqualTo(oldId).startsWith("r-");
    assertThat(hashSecond.articles().getFirst().getId()).isNotEqualTo(hashFirst.articles().getFirst().getId());
    // The same poll repeated from the same state (a crash before the state was saved) gives the same id.
    assertThat(poller.poll(config(IdentityPolicy.GUID), guidFirst.state()).articles().getFirst().getId())
        .isEqualTo(guidSecond.articles().getFirst().getId());
  }

  @Test
  void shouldLearnContentHashesWithoutRepublishingWhenStateIsFromBeforeTheyWereKept() {
    document.set(TestServer.resource("/feeds/guid-reuse-v1.xml"));
    PollResult first = poller.poll(config(IdentityPolicy.GUID), null);
    FeedState old = FeedState.newBuilder(first.state()).setSeenContent(new java.util.HashMap<>()).build();

    document.set(TestServer.resource("/feeds/guid-reuse-v2.xml"));
    PollResult second = poller.poll(config(IdentityPolicy.GUID), old);

    assertThat(second.articles()).isEmpty();
    assertThat(second.state().getSeenContent()).containsOnlyKeys(first.state().getSeenContent().keySet());
  }

  @Test
  void shouldBackOffAndKeepStateWhenServerFails() {
    server.route("/down", exchange -> {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    FeedConfig down = new FeedConfig("down", server.uri("/down"), Duration.ofSeconds(10), IdentityPolicy.GUID,
        FeedLimits.defaults(), false);

    PollResult first = poller.poll(down, null);
    PollResult second = poller.poll(down, first.state());

    assertThat(first.outcome()).isEqualTo(PollOutcome.ERROR);
    assertThat(first.reason()).contains("HTTP 500");
    assertThat(second.state().getConsecutiveFailures()).isEqualTo(2);
    assertThat(second.state().getLastError()).contains("HTTP 500");
    assertThat(second.nextPollIn()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    assertThat(second.rejects()).isEmpty();
  }

  @Test
  void shouldDeadLetterTheDocumentWhenServerSendsHtmlAsFeed() {
    document.set(TestServer.resource("/feeds/page.html"));

    PollResult result = poller.poll(config(IdentityPolicy.GUID), null);

    assertThat(result.outcome()).isEqualTo(PollOutcome.ERROR);
    assertThat(result.rejects()).singleElement().satisfies(dl -> {
      assertThat(dl.getReason()).contains("HTML");
      assertThat(dl.getSource()).isEqualTo(server.uri("/feed").toString());
      assertThat(dl.getStage()).isEqualTo("ingest");
    });
  }

  @Test
  void shouldResetFailuresWhenAFeedRecovers() {
    document.set(TestServer.resource("/feeds/empty-rss.xml"));
    FeedState failing = FeedPoller.initialState(config(IdentityPolicy.GUID));
    failing.setConsecutiveFailures(4);
    failing.setLastError("HTTP 500");

    PollResult result = poller.poll(config(IdentityPolicy.GUID), failing);

    assertThat(result.outcome()).isEqualTo(PollOutcome.NEW);
    assertThat(result.articles()).isEmpty();
    assertThat(result.state().getConsecutiveFailures()).isZero();
    assertThat(result.state().getLastError()).isNull();
    assertThat(result.nextPollIn()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldIdentifyArabicWhenFeedIsWindows1256WithoutDeclaration() {
    String utf8 = new String(TestServer.resource("/feeds/arabic-rss-undeclared.xml"), StandardCharsets.UTF_8);
    document.set(utf8.getBytes(Charset.forName("windows-1256")));

    PollResult result = poller.poll(config(IdentityPolicy.GUID), null);

    assertThat(result.articles()).singleElement().satisfies(a -> {
      assertThat(a.getLang()).isEqualTo("ar");
      assertThat(a.getBody()).contains("خط التمييز العسكري");
    });
  }

  @Test
  void shouldFetchTheLinkedPageWhenItemHasOnlyASummary() {
    String page = server.uri("/page").toString();
    document.set(new String(TestServer.resource("/feeds/summary-only.xml"), StandardCharsets.UTF_8)
        .replace("LINK_PLACEHOLDER", page).getBytes(StandardCharsets.UTF_8));
    server.route("/page", exchange -> HttpFetcherTest.respond(exchange, 200, TestServer.resource("/feeds/full-page.html")));
    FeedConfig fullText = new FeedConfig("teaser", server.uri("/feed"), Duration.ofMinutes(5), IdentityPolicy.GUID,
        FeedLimits.defaults(), true);

    PollResult result = poller.poll(fullText, null);

    assertThat(result.articles()).singleElement().satisfies(a -> {
      assertThat(a.getBody()).contains("first formal offer since the president took office");
      assertThat(a.getBody()).doesNotContain("Share on Facebook", "Copyright", "Related:", "tracking");
      assertThat(a.getCanonicalUrl()).isEqualTo("https://example.test/news/talks?a=1&b=2");
    });
  }

  @Test
  void shouldKeepTheSummaryWhenTheLinkedPageFails() {
    document.set(new String(TestServer.resource("/feeds/summary-only.xml"), StandardCharsets.UTF_8)
        .replace("LINK_PLACEHOLDER", server.uri("/gone").toString()).getBytes(StandardCharsets.UTF_8));
    server.route("/gone", exchange -> HttpFetcherTest.respond(exchange, 404, new byte[0]));
    FeedConfig fullText = new FeedConfig("teaser", server.uri("/feed"), Duration.ofMinutes(5), IdentityPolicy.GUID,
        FeedLimits.defaults(), true);

    PollResult result = poller.poll(fullText, null);

    assertThat(result.articles()).singleElement()
        .satisfies(a -> assertThat(a.getBody()).startsWith("The ministry proposed talks."));
  }

  @Test
  void shouldForgetItemsWhenTheyAreOlderThanTheHorizon() {
    document.set(TestServer.resource("/feeds/empty-rss.xml"));
    FeedState old = FeedPoller.initialState(config(IdentityPolicy.GUID));
    old.setSeen(new java.util.HashMap<>(java.util.Map.of(
        "stale", Instant.parse("2025-01-01T00:00:00Z").toEpochMilli(),
        "fresh", Instant.parse("2025-11-16T00:00:00Z").toEpochMilli())));

    PollResult result = poller.poll(config(IdentityPolicy.GUID), old);

    assertThat(result.state().getSeen()).containsOnlyKeys("fresh");
  }

  @Test
  void shouldReadArabicWhenAValidUtf8FeedDeclaresWindows1256() {
    byte[] utf8 = TestServer.resource("/feeds/arabic-rss-undeclared.xml");
    server.route("/mislabelled", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=windows-1256");
      HttpFetcherTest.respond(exchange, 200, utf8);
    });
    FeedConfig mislabelled = new FeedConfig("mislabelled", server.uri("/mislabelled"), Duration.ofMinutes(5),
        IdentityPolicy.GUID, FeedLimits.defaults(), false);

    PollResult result = poller.poll(mislabelled, null);

    assertThat(result.articles()).singleElement().satisfies(a -> {
      assertThat(a.getLang()).isEqualTo("ar");
      assertThat(a.getTitle()).isEqualTo("كوريا الجنوبية تقترح محادثات عسكرية مع الشمال");
      assertThat(a.getBody()).contains("خط التمييز العسكري");
    });
  }

  @Test
  void shouldPublishShortItemsWhenTheirSummaryLacksFinalPunctuationOrIsMissing() {
    document.set(TestServer.resource("/feeds/short-items.xml"));

    PollResult result = poller.poll(config(IdentityPolicy.GUID), null);

    assertThat(result.rejects()).isEmpty();
    assertThat(result.articles()).extracting(Article::getBody).containsExactly(
        "South Korean troops fired warning shots after North Korean soldiers crossed the border",
        "Pyongyang launches a ballistic missile toward the East Sea");
  }

  @Test
  void shouldNotFetchAnItemLinkWhenItPointsAtAnAddressOutsideTheAllowList() throws Exception {
    AtomicInteger secretRequests = new AtomicInteger();
    try (TestServer internal = new TestServer(java.net.InetAddress.getByName("127.0.0.2"))) {
      internal.route("/admin", exchange -> {
        secretRequests.incrementAndGet();
        HttpFetcherTest.respond(exchange, 200, TestServer.resource("/feeds/full-page.html"));
      });
      server.route("/to-internal", exchange -> {
        exchange.getResponseHeaders().add("Location", internal.uri("/admin").toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
      });
      FeedConfig direct = fullText("direct", internal.uri("/admin"));
      FeedConfig redirected = fullText("redirected", server.uri("/to-internal"));

      PollResult viaLink = poller.poll(direct, null);
      PollResult viaRedirect = poller.poll(redirected, null);

      assertThat(viaLink.articles()).singleElement()
          .satisfies(a -> assertThat(a.getBody()).isEqualTo("The ministry proposed talks. Read more on our site."));
      assertThat(viaRedirect.articles()).singleElement()
          .satisfies(a -> assertThat(a.getBody()).isEqualTo("The ministry proposed talks. Read more on our site."));
      assertThat(secretRequests).as("nothing may connect to the internal host").hasValue(0);
    }
  }

  @Test
  void shouldKeepTheSummaryWhenTheLinkedPageHangsPastThePollDeadline() {
    server.route("/hanging", exchange -> {
      try {
        server.release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    FeedConfig slow = new FeedConfig("slow", server.uri("/feed"), Duration.ofMinutes(5), IdentityPolicy.GUID,
        FeedLimits.defaults().withReadTimeout(Duration.ofSeconds(20)).withPollTimeout(Duration.ofSeconds(1)), true);
    document.set(new String(TestServer.resource("/feeds/summary-only.xml"), StandardCharsets.UTF_8)
        .replace("LINK_PLACEHOLDER", server.uri("/hanging").toString()).getBytes(StandardCharsets.UTF_8));

    long started = System.nanoTime();
    PollResult result = poller.poll(slow, null);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the 1 s poll deadline, not the 20 s read timeout")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(result.articles()).singleElement()
        .satisfies(a -> assertThat(a.getBody()).startsWith("The ministry proposed talks."));
  }

  @Test
  void shouldSendCredentialsOfTheFeedUrlButMaskThemEverywhereElse() {
    AtomicReference<String> authorization = new AtomicReference<>();
    server.route("/private-feed", exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      HttpFetcherTest.respond(exchange, 200, TestServer.resource("/feeds/page.html"));
    });
    java.net.URI withCredentials = java.net.URI.create(server.uri("/private-feed").toString()
        .replace("http://", "http://desk:s3cr3t@"));
    FeedConfig config = new FeedConfig("private", withCredentials, Duration.ofMinutes(5), IdentityPolicy.GUID,
        FeedLimits.defaults(), false);

    PollResult result = poller.poll(config, null);

    assertThat(authorization.get()).isEqualTo("Basic " + java.util.Base64.getEncoder()
        .encodeToString("desk:s3cr3t".getBytes(StandardCharsets.UTF_8)));
    assertThat(result.rejects()).singleElement().satisfies(dl -> {
      assertThat(dl.getSource()).doesNotContain("s3cr3t", "desk").contains("***@127.0.0.1");
      assertThat(dl.getAttributes().get("feed.url")).doesNotContain("s3cr3t");
    });
    assertThat(result.state().getUrl()).doesNotContain("s3cr3t");
  }

  private FeedConfig fullText(String id, java.net.URI link) {
    String page = link.toString();
    server.route("/feed-" + id, exchange -> HttpFetcherTest.respond(exchange, 200,
        new String(TestServer.resource("/feeds/summary-only.xml"), StandardCharsets.UTF_8)
            .replace("LINK_PLACEHOLDER", page).getBytes(StandardCharsets.UTF_8)));
    return new FeedConfig(id, server.uri("/feed-" + id), Duration.ofMinutes(5), IdentityPolicy.GUID,
        FeedLimits.defaults(), true);
  }
}
