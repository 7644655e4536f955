package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.IngestService;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Abuse of the HTTP push endpoint of a running {@link IngestService}: missing and wrong tokens,
 * oversized, malformed and slow bodies, and slow clients holding connections. Each gets the right
 * 4xx or is disconnected, and the server keeps answering a good push with 202.
 */
@WithPlatform
class PushAbuseIT {
  private static final String TOKEN = "push-abuse-token-3f9a";
  private static final int MAX_BODY = 64 * 1024;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private IngestService ingest;
  private HttpClient http;
  private URI articles;
  private TopicTail raw;
  private final ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void startIngest(TestPlatform platform) throws IOException {
    String topic = platform.uniqueName("push-raw");
    Settings settings = Settings.of(Map.of(
        Settings.BOOTSTRAP, platform.bootstrapServers(),
        IngestConfig.TOPIC_RAW, topic,
        IngestConfig.TOPIC_REJECTED, platform.uniqueName("push-rejected"),
        IngestConfig.TOPIC_FEED_STATE, platform.uniqueName("push-feed-state"),
        IngestConfig.STATE_DIR, dir.resolve("ingest").toString(),
        IngestConfig.HTTP_PORT, "0",
        IngestConfig.HTTP_TOKEN, TOKEN,
        IngestConfig.HTTP_MAX_BODY, Integer.toString(MAX_BODY)));
    ingest = IngestService.create(IngestConfig.from(Settings.of(IngestConfig.defaults()).with(settings.asMap())),
        settings.kafkaProperties(), new RegistryClient(RegistryConfig.of(platform.registryUrl())), null);
    ingest.start();
    articles = URI.create("http://127.0.0.1:" + ingest.pushPort() + "/articles");
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    raw = TopicTail.follow(platform.bootstrapServers(), topic);
  }

  @AfterEach
  void stop() throws IOException {
    trickle.shutdownNow();
    for (Socket s : sockets) {
      s.close();
    }
    raw.close();
    http.close();
    ingest.close();
  }

  @Test
  void shouldAnswerTheRight4xxAndStayUpWhenRequestsAreAbusive() throws Exception {
    assertThat(post(null, resource("good-article.json")).statusCode()).as("no token").isEqualTo(401);
    assertThat(post("Bearer wrong-" + TOKEN, resource("good-article.json")).statusCode()).as("wrong token").isEqualTo(401);
    assertThat(post("Basic " + TOKEN, resource("good-article.json")).statusCode()).as("wrong scheme").isEqualTo(401);
    assertThat(post("Bearer " + TOKEN.substring(1), resource("good-article.json")).statusCode()).as("token prefix")
        .isEqualTo(401);
    HttpResponse<String> noToken = post(null, resource("good-article.json"));
    assertThat(noToken.body()).doesNotContain(TOKEN);
    assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

    byte[] huge = new byte[MAX_BODY * 4];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertThat(post("Bearer " + TOKEN, huge).statusCode()).as("declared body over the limit").isEqualTo(413);
    // Without a Content-Length the server can only tell once it has read past the limit; it answers
    // 413 and hangs up while the client is still sending, so the client may see only the hang-up.
    int chunked = statusOrClosed(authorized().header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(
        () -> new java.io.ByteArrayInputStream(huge))).build());
    assertThat(chunked).as("chunked body over the limit: 413, or -1 for a connection closed by the server")
        .isIn(413, -1);
    Report r = new Report("push-abuse-oversized");
    r.line("reliability: push_abuse=oversized declared=413 chunked=%s", chunked == -1 ? "connection-closed" : chunked);
    r.write();

    assertThat(post("Bearer " + TOKEN, resource("malformed.json")).statusCode()).as("malformed JSON").isEqualTo(400);
    assertThat(post("Bearer " + TOKEN, resource("scalar.json")).statusCode()).as("JSON that is no article").isEqualTo(400);
    assertThat(post("Bearer " + TOKEN, new byte[0]).statusCode()).as("empty body").isEqualTo(400);
    assertThat(http.send(authorized().header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofByteArray(resource("good-article.json"))).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).as("not declared as JSON").isEqualTo(415);
    assertThat(http.send(authorized().GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode())
        .as("wrong method").isEqualTo(405);

    assertGoodPushAccepted();
  }

  @Test
  void shouldDisconnectAndStayUpWhenAClientTricklesItsBody() throws Exception {
    Socket slow = open();
    OutputStream out = slow.getOutputStream();
    out.write(("POST /articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
        + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"title\":\"").getBytes(StandardCharsets.UTF_8));
    out.flush();
    AtomicBoolean hungUp = new AtomicBoolean();
    trickle.scheduleAtFixedRate(() -> {
      if (hungUp.get()) {
        return;
      }
      try {
        out.write('x');
        out.flush();
      } catch (IOException e) {
        // The server closed the connection on the slow client, as it should.
        hungUp.set(true);
      }
    }, 500, 500, TimeUnit.MILLISECONDS);

    long t0 = System.nanoTime();
    assertGoodPushAccepted();
    String answer = readUntilClosed(slow, READ_TIMEOUT.plusSeconds(20));
    Duration held = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(answer).as("a trickled body is never accepted").doesNotContain(" 202 ");
    assertThat(held).as("the server closes a slow body after its read timeout").isLessThan(READ_TIMEOUT.plusSeconds(20));
    assertGoodPushAccepted();
  }

  @Test
  void shouldServeAGoodPushAtOnceWhenSlowClientsDribbleTheirHeaders() throws Exception {
    // 16 slow clients, each still sending its headers (the attack that blocked the JDK server).
    for (int i = 0; i < 16; i++) {
      dribble(("POST /articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
          + "\r\nContent-Length: 4000\r\n\r\n").getBytes(StandardCharsets.UTF_8), 0);
    }
    Duration waited = timedGoodPush();
    report("slow-headers", 16, waited);
    assertThat(waited).as("a good push waits for no client still sending headers").isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void shouldServeAGoodPushOnceTheyAreCutOffWhenSlowClientsDribbleTheirBodies() throws Exception {
    // Slow clients past their headers, sending a byte of body now and then, each cut off at its read
    // timeout.
    for (int i = 0; i < 8; i++) {
      byte[] headers = ("POST /articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
          + "\r\nContent-Length: 4000\r\n\r\n").getBytes(StandardCharsets.UTF_8);
      dribble(headers, headers.length);
    }
    Duration waited = timedGoodPush();
    report("slow-bodies", 8, waited);
    // A slow body holds a virtual thread and one of ingest.http.threads (16) body permits until its
    // read timeout, so 8 of them leave room for a good push at once.
    assertThat(waited).as("a good push is served while slow bodies are being read")
        .isLessThan(Duration.ofSeconds(5));
  }

  /** Opens a connection that sends {@code sentAtOnce} bytes of {@code request} now, the rest a byte at a time. */
  private void dribble(byte[] request, int sentAtOnce) throws IOException {
    Socket s = open();
    OutputStream out = s.getOutputStream();
    out.write(request, 0, sentAtOnce);
    out.flush();
    int[] sent = {sentAtOnce};
    AtomicBoolean hungUp = new AtomicBoolean();
    trickle.scheduleAtFixedRate(() -> {
      if (hungUp.get()) {
        return;
      }
      try {
        out.write(sent[0] < request.length ? request[sent[0]++] : 'x');
        out.flush();
      } catch (IOException e) {
        // The server hung up on this slow client, which is what it should do.
        hungUp.set(true);
      }
    }, 300, 700, TimeUnit.MILLISECONDS);
  }

  private Duration timedGoodPush() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    assertGoodPushAccepted();
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private static void report(String what, int clients, Duration waited) {
    Report r = new Report("push-abuse-" + what);
    r.line("reliability: push_abuse=%s slow_clients=%d good_push_ms=%d", what, clients, waited.toMillis());
    r.write();
  }

  private void assertGoodPushAccepted() throws IOException, InterruptedException {
    HttpResponse<String> ok = post("Bearer " + TOKEN, resource("good-article.json"));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
    assertThat(ok.body()).contains("\"accepted\"");
    await("the pushed article on the raw topic").atMost(Duration.ofSeconds(30)).until(() -> raw.records() > 0);
  }

  private Socket open() throws IOException {
    Socket s = new Socket("127.0.0.1", ingest.pushPort());
    s.setSoTimeout((int) READ_TIMEOUT.plusSeconds(25).toMillis());
    sockets.add(s);
    return s;
  }

  /** Reads what the server sends until it closes the connection (or resets it). */
  private static String readUntilClosed(Socket s, Duration max) throws IOException {
    s.setSoTimeout((int) max.toMillis());
    StringBuilder sb = new StringBuilder();
    try (InputStream in = s.getInputStream()) {
      byte[] buf = new byte[1024];
      int n;
      while ((n = in.read(buf)) != -1) {
        sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
      }
    } catch (SocketException reset) {
      sb.append("[reset: ").append(reset.getMessage()).append(']');
    }
    return sb.toString();
  }

  /** The status of {@code request}, or -1 when the server closed the connection without an answer. */
  private int statusOrClosed(HttpRequest request) throws InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException closed) {
      return -1;
    }
  }

  private HttpRequest.Builder authorized() {
    return HttpRequest.newBuilder(articles).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN);
  }

  private HttpResponse<String> post(String authorization, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(articles).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PushAbuseIT.class.getResourceAsStream("/push/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /push/" + name);
      }
      return in.readAllBytes();
    }
  }
}
