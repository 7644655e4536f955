package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.ingest.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HttpFetcherTest {

  private static final long MB = 1024 * 1024;
  private final TestServer server = new TestServer();
  // The test server is on loopback, which the fetcher refuses unless allowed.
  private final HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(2), "newswatch-test",
      AddressPolicy.allowing("127.0.0.1"));
  private final FeedLimits limits = FeedLimits.defaults().withBodyLimits(MB, 2 * MB).withReadTimeout(Duration.ofSeconds(5));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void shouldCutTheBodyAtTheLimitWhenServerStreamsHundredMegabytes() {
    AtomicLong sent = new AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean hungUp = new java.util.concurrent.atomic.AtomicBoolean();
    server.route("/huge", exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to reject up front
      byte[] chunk = new byte[64 * 1024];
      try (OutputStream out = exchange.getResponseBody()) {
        for (long total = 0; total < 100 * MB; total += chunk.length) {
          out.write(chunk);
          sent.addAndGet(chunk.length);
        }
      } catch (IOException clientHungUp) {
        // The client hanging up at its limit is the point of the test; record it for the assertion.
        hungUp.set(true);
      }
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/huge"), null, null, limits, "*/*"))
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(hungUp);
    assertThat(sent.get()).as("the server was stopped long before 100 MB").isLessThan(100 * MB);
  }

  @Test
  void shouldRejectUnreadWhenContentLengthExceedsTheLimit() {
    server.route("/declared", exchange -> {
      exchange.sendResponseHeaders(200, 100 * MB);
      exchange.getResponseBody().flush();
      await(server); // never sends the body: the client must decide from the header alone
      exchange.close();
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/declared"), null, null, limits, "*/*"))
        .isInstanceOfSatisfying(FetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
          assertThat(e.getMessage()).contains("Content-Length");
        });
  }

  @Test
  void shouldCutGzipBombWhenDecodedSizeExceedsLimit() throws IOException {
    byte[] bomb = gzipOfZeros(64 * MB);
    assertThat((long) bomb.length).as("the bomb itself is small").isLessThan(limits.maxBodyBytes());
    server.route("/bomb", exchange -> {
      exchange.getResponseHeaders().add("Content-Encoding", "gzip");
      exchange.sendResponseHeaders(200, bomb.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bomb);
      }
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/bomb"), null, null, limits, "*/*"))
        .isInstanceOfSatisfying(FetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
          assertThat(e.getMessage()).contains("decoded");
        });
  }

  @Test
  void shouldDecodeGzipWhenWithinLimits() throws IOException, FetchException {
    byte[] xml = TestServer.resource("/feeds/rss-two-items.xml");
    byte[] gz = gzip(xml);
    server.route("/gz", exchange -> {
      exchange.getResponseHeaders().add("Content-Encoding", "gzip");
      exchange.sendResponseHeaders(200, gz.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(gz);
      }
    });

    FetchResult result = fetcher.fetch(server.uri("/gz"), null, null, limits, "*/*");

    assertThat(result.body()).isEqualTo(xml);
    assertThat(result.wireBytes()).isEqualTo(gz.length);
  }

  @Test
  void shouldFailWhenRedirectsLoop() {
    server.route("/a", exchange -> redirect(exchange, "/b"));
    server.route("/b", exchange -> redirect(exchange, "/a"));

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/a"), null, null, limits, "*/*"))
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.REDIRECT_LOOP));
  }

  @Test
  void shouldFailWhenRedirectsExceedTheLimit() {
    for (int i = 0; i < 5; i++) {
      String next = "/hop" + (i + 1);
      server.route("/hop" + i, exchange -> redirect(exchange, next));
    }

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/hop0"), null, null, limits.withMaxRedirects(2), "*/*"))
        .isInstanceOfSatisfying(FetchException.class,
            e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_MANY_REDIRECTS));
  }

  @Test
  void shouldFollowRedirectWhenWithinLimit() throws FetchException {
    server.route("/old", exchange -> redirect(exchange, "/new"));
    server.route("/new", exchange -> respond(exchange, 200, TestServer.resource("/feeds/empty-rss.xml")));

    FetchResult result = fetcher.fetch(server.uri("/old"), null, null, limits, "*/*");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.finalUri()).isEqualTo(server.uri("/new"));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void shouldTimeOutWhenServerTricklesTheBody() {
    server.route("/slow", exchange -> {
      exchange.sendResponseHeaders(200, 1000);
      OutputStream out = exchange.getResponseBody();
      out.write(new byte[10]);
      out.flush();
      await(server);
      exchange.close();
    });
    FeedLimits quick = limits.withReadTimeout(Duration.ofMillis(500));

    long start = System.nanoTime();
    assertThatThrownBy(() -> fetcher.fetch(server.uri("/slow"), null, null, quick, "*/*"))
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void shouldTimeOutWhenServerNeverAnswers() {
    server.route("/silent", exchange -> {
      await(server);
      exchange.close();
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/silent"), null, null,
        limits.withReadTimeout(Duration.ofMillis(500)), "*/*"))
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT));
  }

  @Test
  void shouldReportStatusWhenServerAnswers404Or500() {
    server.route("/missing", exchange -> respond(exchange, 404, "not here".getBytes()));
    server.route("/broken", exchange -> respond(exchange, 500, "oops".getBytes()));

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/missing"), null, null, limits, "*/*"))
        .isInstanceOfSatisfying(FetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(FetchException.Kind.HTTP_STATUS);
          assertThat(e.status()).isEqualTo(404);
        });
    assertThatThrownBy(() -> fetcher.fetch(server.uri("/broken"), null, null, limits, "*/*"))
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.status()).isEqualTo(500));
  }

  @Test
  void shouldSendValidatorsAndReportNotModifiedWhenServerAnswers304() throws FetchException {
    server.route("/cond", exchange -> {
      String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
      String ims = exchange.getRequestHeaders().getFirst("If-Modified-Since");
      if ("\"v1\"".equals(inm) && "Mon, 17 Nov 2025 08:00:00 GMT".equals(ims)) {
        exchange.sendResponseHeaders(304, -1);
        exchange.close();
      } else {
        respond(exchange, 200, TestServer.resource("/feeds/empty-rss.xml"));
      }
    });

    FetchResult result = fetcher.fetch(server.uri("/cond"), "\"v1\"", "Mon, 17 Nov 2025 08:00:00 GMT", limits, "*/*");

    assertThat(result.notModified()).isTrue();
    assertThat(result.body()).isEmpty();
  }

  static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  @Test
  void shouldRefuseLoopbackWithoutConnectingWhenNoNetworkIsAllowed() {
    java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    server.route("/local", exchange -> {
      requests.incrementAndGet();
      respond(exchange, 200, new byte[] {'x'});
    });
    HttpFetcher byDefault = new HttpFetcher(Duration.ofSeconds(2), "newswatch-test");

    assertThatThrownBy(() -> byDefault.fetch(server.uri("/local"), null, null, limits, "*/*"))
        .isInstanceOfSatisfying(FetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(FetchException.Kind.FORBIDDEN_ADDRESS);
          assertThat(e.getMessage()).contains("127.0.0.1 is a loopback address", "ingest.fetch.allow-networks");
        });
    assertThat(requests).hasValue(0);
  }

  @Test
  void shouldRefuseAHostNameWhenItResolvesToTheMetadataService() throws Exception {
    java.net.InetAddress metadata = java.net.InetAddress.getByName("169.254.169.254");
    HttpFetcher fetcher = new HttpFetcher(java.net.http.HttpClient.newBuilder()
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build(), "newswatch-test",
        AddressPolicy.publicOnly(), host -> new java.net.InetAddress[] {java.net.InetAddress.getByName("93.184.215.14"),
            metadata});

    assertThatThrownBy(() -> fetcher.fetch(java.net.URI.create("http://rebind.example/latest/meta-data/"), null, null,
        limits, "*/*"))
        .isInstanceOfSatisfying(FetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(FetchException.Kind.FORBIDDEN_ADDRESS);
          assertThat(e.getMessage()).contains("169.254.169.254 is a link-local address");
        });
  }

  @Test
  void shouldNotForwardCredentialsWhenARedirectLeavesTheOrigin() throws Exception {
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (TestServer other = new TestServer(java.net.InetAddress.getByName("127.0.0.2"))) {
      other.route("/landing", exchange -> {
        seen.add("other:" + exchange.getRequestHeaders().getFirst("Authorization"));
        respond(exchange, 200, new byte[] {'o', 'k'});
      });
      server.route("/start", exchange -> {
        seen.add("origin:" + exchange.getRequestHeaders().getFirst("Authorization"));
        exchange.getResponseHeaders().add("Location", other.uri("/landing").toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
      });
      HttpFetcher both = new HttpFetcher(Duration.ofSeconds(2), "newswatch-test",
          AddressPolicy.allowing("127.0.0.1", "127.0.0.2/32"));
      java.net.URI start = java.net.URI.create(server.uri("/start").toString().replace("http://", "http://u:pw@"));

      FetchResult result = both.fetch(start, null, null, limits, "*/*");

      assertThat(result.body()).containsExactly('o', 'k');
      assertThat(seen).containsExactly("origin:Basic dTpwdw==", "other:null");
    }
  }

  static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static void await(TestServer server) {
    try {
      server.release.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] gzipOfZeros(long size) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] zeros = new byte[64 * 1024];
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (long written = 0; written < size; written += zeros.length) {
        gz.write(zeros);
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }
}
