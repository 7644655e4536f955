package io.newswatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.CollectingSink;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.TestServer;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import io.newswatch.testkit.SlowHeaderClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PushServerTest {

  private static final String TOKEN = "s3cret-token-for-tests";
  private final CollectingSink sink = new CollectingSink();
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  private PushServer server;

  private PushServer start(PushConfig config) throws IOException {
    server = new PushServer(config, sink, new ArticleNormalizer(), new IngestMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC());
    server.start();
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> post(byte[] body, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/articles"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Test
  void shouldAcceptOneArticleWhenTokenIsRight() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));

    HttpResponse<String> response = post(TestServer.resource("/http/one-article.json"), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode json = mapper.readTree(response.body());
    assertThat(sink.articles).singleElement().satisfies(a -> {
      assertThat(a.getSourceType()).isEqualTo(SourceType.HTTP);
      assertThat(a.getCanonicalUrl()).isEqualTo("https://news.example.test/2025/11/17/talks");
      assertThat(a.getLang()).isEqualTo("en");
      assertThat(a.getSource()).isEqualTo("Example News");
      assertThat(json.path("accepted").get(0).path("id").asText()).isEqualTo(a.getId());
    });
  }

  @Test
  void shouldAcceptValidItemsAndExplainRejectedOnesWhenBatchIsMixed() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));

    HttpResponse<String> response = post(TestServer.resource("/http/batch.json"), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode json = mapper.readTree(response.body());
    assertThat(json.path("accepted")).hasSize(1);
    assertThat(json.path("accepted").get(0).path("index").asInt()).isZero();
    assertThat(json.path("rejected")).hasSize(3);
    assertThat(json.path("rejected").get(0).path("reason").asText()).contains("body");
    assertThat(json.path("rejected").get(1).path("reason").asText()).contains("url");
    assertThat(json.path("rejected").get(2).path("reason").asText()).contains("publishedAt");
    assertThat(sink.articles).hasSize(1);
    assertThat(sink.rejects).hasSize(3).allSatisfy(dl -> {
      assertThat(dl.getStage()).isEqualTo("ingest");
      assertThat(dl.getPayload()).isNotNull();
    });
  }

  @Test
  void shouldReplaceALoneSurrogateWithTheReplacementCharacterNotAQuestionMark() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));
    // A lone high surrogate escaped in JSON, then a well-formed pair (an emoji), which must survive.
    String body = "{\"url\": \"https://news.example.test/2025/11/17/lone\", \"title\": \"Talks \\ud800 resume\","
        + " \"body\": \"Negotiators met again on Monday \\udc00 and agreed to keep talking \\ud83d\\ude00 next week"
        + " about the border crossings that closed in the spring.\"}";

    HttpResponse<String> response = post(body.getBytes(StandardCharsets.UTF_8), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(sink.articles).singleElement().satisfies(a -> {
      assertThat(a.getTitle()).isEqualTo("Talks \uFFFD resume");
      assertThat(a.getBody()).contains("Monday \uFFFD and").contains("\uD83D\uDE00").doesNotContain("?");
      assertThat(a.getBody().codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))
          .as("no unpaired surrogate left").isTrue();
    });

    // A headline cut to its 1,000 characters is not cut between the two halves of an emoji.
    sink.articles.clear();
    String longTitle = "a".repeat(999) + "\\ud83d\\ude00 and more";
    String second = "{\"url\": \"https://news.example.test/2025/11/17/long\", \"title\": \"" + longTitle + "\","
        + " \"body\": \"Negotiators met again on Monday and agreed to keep talking next week about the crossings.\"}";
    assertThat(post(second.getBytes(StandardCharsets.UTF_8), "Bearer " + TOKEN).statusCode()).isEqualTo(202);
    assertThat(sink.articles).singleElement().satisfies(a -> assertThat(a.getTitle()).isEqualTo("a".repeat(999)));
  }

  @Test
  void shouldRejectEachItemWhoseFieldHasTheWrongTypeOrAnImpossibleTimeNamingTheField() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));
    String text = "Negotiators from both sides met again on Monday and agreed to keep talking next week.";
    String batch = "[{\"title\": [\"x\"], \"body\": \"" + text + "\"},"
        + " {\"body\": \"" + text + "\", \"attributes\": {\"k\": 5}},"
        + " {\"body\": \"" + text + "\", \"lang\": 12},"
        + " {\"body\": 12345},"
        + " {\"body\": \"" + text + "\", \"publishedAt\": -5},"
        + " {\"body\": \"" + text + "\", \"publishedAt\": \"3000-01-01T00:00:00Z\"},"
        + " {\"body\": \"" + text + "\", \"title\": \"Talks go on\", \"publishedAt\": 1763366400000}]";

    HttpResponse<String> response = post(batch.getBytes(StandardCharsets.UTF_8), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode json = mapper.readTree(response.body());
    assertThat(json.path("accepted")).singleElement().satisfies(a -> assertThat(a.path("index").asInt()).isEqualTo(6));
    List<String> reasons = new java.util.ArrayList<>();
    json.path("rejected").forEach(r -> reasons.add(r.path("reason").asText()));
    assertThat(reasons.subList(0, 4)).containsExactly(
        "field 'title' must be a string, got array",
        "field 'attributes.k' must be a string, got number",
        "field 'lang' must be a string, got number",
        "field 'body' must be a string, got number");
    assertThat(json.path("rejected")).hasSize(6);
    assertThat(json.path("rejected").get(4).path("reason").asText()).contains("publishedAt", "1969-12-31");
    assertThat(json.path("rejected").get(5).path("reason").asText()).contains("publishedAt", "3000-01-01");
    assertThat(sink.articles).singleElement().satisfies(a -> assertThat(a.getTitle()).isEqualTo("Talks go on"));
  }

  @Test
  void shouldTurnABodyLeftAsHtmlIntoPlainTextAndDecodeEntities() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));
    String batch = "[{\"url\": \"https://news.example.test/2025/11/17/html\", \"title\": \"Shots at the line &amp; a retreat\","
        + " \"body\": \"<p>About ten soldiers crossed the line by 20 meters.</p><p>They <strong>retreated north after"
        + " warning shots</strong>, the <a href='https://example.test/jcs'>JCS</a> said.</p><figure><figcaption>File photo"
        + "</figcaption></figure>\"},"
        + " {\"url\": \"https://news.example.test/2025/11/17/entities\", \"body\": \"The minister said &quot;talks"
        + " will go on&quot; and it&#8217;s up to Pyongyang.\\n\\nA second paragraph&nbsp;follows here.\"}]";

    HttpResponse<String> response = post(batch.getBytes(StandardCharsets.UTF_8), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(sink.articles).hasSize(2);
    Article html = sink.articles.stream().filter(a -> a.getUrl().endsWith("html")).findFirst().orElseThrow();
    assertThat(html.getTitle()).isEqualTo("Shots at the line & a retreat");
    assertThat(html.getBody()).doesNotContain("<", ">")
        .contains("About ten soldiers crossed the line by 20 meters.")
        .contains("They retreated north after warning shots, the JCS said.");
    Article plain = sink.articles.stream().filter(a -> a.getUrl().endsWith("entities")).findFirst().orElseThrow();
    assertThat(plain.getBody()).contains("said \"talks will go on\" and it\u2019s up to Pyongyang.")
        .doesNotContain("&quot;", "&#8217;", "&nbsp;").contains("\n\nA second paragraph");
  }

  @Test
  void shouldKeepLineBreaksAndAngleBracketTextWhenABodyHasOnlyInlineTags() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));
    String batch = "[{\"url\": \"https://news.example.test/2025/11/17/inline\", \"title\": \"<B-52 flight> over Korea\","
        + " \"body\": \"About ten soldiers crossed the line by 20 meters and <strong>retreated after warning shots</strong>."
        + "\\n\\nOfficials said <U.S. forces remain on alert> on Monday.\\n\\nSee https://example.test/a?b=1&region=asia for more"
        + " of the briefing, officials added.\"}]";

    HttpResponse<String> response = post(batch.getBytes(StandardCharsets.UTF_8), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(sink.articles).singleElement().satisfies(a -> {
      assertThat(a.getTitle()).isEqualTo("<B-52 flight> over Korea");
      assertThat(a.getBody()).contains("by 20 meters and retreated after warning shots.\n\nOfficials said"
          + " <U.S. forces remain on alert> on Monday.").contains("&region=asia").doesNotContain("<strong>");
    });
  }

  @Test
  void shouldAnswer400WhenTextTrailsTheJsonDocument() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));
    String body = "{\"body\": \"Negotiators from both sides met again on Monday and agreed to keep talking.\"} xyz";

    HttpResponse<String> response = post(body.getBytes(StandardCharsets.UTF_8), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("malformed JSON");
    assertThat(sink.articles).isEmpty();
  }

  @Test
  void shouldAnswer401WithoutEchoingTheTokenWhenTokenIsWrongOrMissing() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));
    String wrong = "Bearer not-the-" + TOKEN;

    HttpResponse<String> wrongToken = post(TestServer.resource("/http/one-article.json"), wrong);
    HttpResponse<String> noToken = post(TestServer.resource("/http/one-article.json"), null);

    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(wrongToken.body()).doesNotContain(TOKEN).doesNotContain("not-the-");
    assertThat(wrongToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(sink.articles).isEmpty();
    assertThat(sink.rejects).isEmpty();
  }

  @Test
  void shouldRefusePushesWhenNoTokenIsConfiguredAndEndpointIsNotOpened() throws Exception {
    start(new PushConfig("127.0.0.1", 0, Optional.empty(), false, 1 << 20, Duration.ofSeconds(5), 100, 2));

    HttpResponse<String> response = post(TestServer.resource("/http/one-article.json"), null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(sink.articles).isEmpty();
  }

  @Test
  void shouldAcceptWithoutTokenWhenEndpointIsExplicitlyOpened() throws Exception {
    start(PushConfig.open("127.0.0.1", 0));

    assertThat(post(TestServer.resource("/http/one-article.json"), null).statusCode()).isEqualTo(202);
    assertThat(sink.articles).hasSize(1);
  }

  @Test
  void shouldAnswer413WhenBodyExceedsTheLimit() throws Exception {
    start(new PushConfig("127.0.0.1", 0, Optional.of(TOKEN), false, 1024, Duration.ofSeconds(5), 100, 2));
    byte[] big = new byte[4096];
    java.util.Arrays.fill(big, (byte) ' ');

    HttpResponse<String> declared = post(big, "Bearer " + TOKEN);
    HttpResponse<String> streamed = client.send(HttpRequest.newBuilder(uri("/articles"))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(streamed.statusCode()).as("chunked body without Content-Length").isEqualTo(413);
  }

  @Test
  void shouldAnswer400WithReasonWhenJsonIsMalformed() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));

    HttpResponse<String> response = post(TestServer.resource("/http/malformed.json"), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(response.body()).path("error").asText()).startsWith("malformed JSON");
  }

  @Test
  void shouldAnswer413WhenBatchHasTooManyItems() throws Exception {
    start(new PushConfig("127.0.0.1", 0, Optional.of(TOKEN), false, 1 << 20, Duration.ofSeconds(5), 2, 2));

    HttpResponse<String> response = post(TestServer.resource("/http/batch.json"), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(sink.articles).isEmpty();
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.SECONDS)
  void shouldDropTheConnectionWhenClientSendsTheBodyTooSlowly() throws Exception {
    start(new PushConfig("127.0.0.1", 0, Optional.of(TOKEN), false, 1 << 20, Duration.ofMillis(500), 100, 2));

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String head = "POST /articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
          + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"body\": \"";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();
      int read;
      try {
        read = in.read();
      } catch (IOException reset) {
        read = -1;
      }

      assertThat(read).as("server closed the connection instead of waiting for the rest").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
    assertThat(sink.articles).isEmpty();
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.SECONDS)
  void shouldSayItClosesTheConnectionWhenItRefusesAPushBeforeReadingItsBody() throws Exception {
    start(new PushConfig("127.0.0.1", 0, Optional.of(TOKEN), false, 1 << 20, Duration.ofSeconds(5), 100, 2));

    // Headers first, body not yet sent (as java.net.http sends them): refused unread, the connection
    // cannot be reused, and a client told nothing would send its next request down a closed socket.
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer wrong\r\n"
          + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      StringBuilder headers = new StringBuilder(head);
      InputStream in = socket.getInputStream();
      while (!headers.toString().contains("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        headers.append((char) b);
      }

      assertThat(head).isEqualTo("HTTP/1.1 401");
      assertThat(headers.toString().toLowerCase(java.util.Locale.ROOT)).contains("\r\nconnection: close\r\n");
    }
  }

  @Test
  void shouldAnswerHealthAndRefuseGetOnArticles() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));

    HttpResponse<String> health = client.send(HttpRequest.newBuilder(uri("/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri("/articles")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
    assertThat(get.statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> send(String path, String contentType, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAnswer415WhenTheBodyIsNotDeclaredAsJson() throws Exception {
    start(PushConfig.open("127.0.0.1", 0));
    byte[] article = TestServer.resource("/http/one-article.json");

    HttpResponse<String> plain = send("/articles", "text/plain", Map.of(), article);
    HttpResponse<String> form = send("/articles", "application/x-www-form-urlencoded", Map.of(),
        "body=hello".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> none = send("/articles", null, Map.of(), article);
    HttpResponse<String> withCharset = send("/articles", "application/json; charset=utf-8", Map.of(), article);

    assertThat(plain.statusCode()).isEqualTo(415);
    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(none.statusCode()).isEqualTo(415);
    assertThat(withCharset.statusCode()).isEqualTo(202);
    assertThat(sink.articles).hasSize(1);
  }

  @Test
  void shouldRefuseCrossSiteRequestsWhenTheEndpointIsOpen() throws Exception {
    start(PushConfig.open("127.0.0.1", 0));

    HttpResponse<String> crossSite = send("/articles", "application/json",
        Map.of("Origin", "https://evil.example"), TestServer.resource("/http/one-article.json"));

    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.body()).contains("cross-site");
    assertThat(sink.articles).isEmpty();
  }

  @Test
  void shouldAnswer422AndDeadLetterEachItemWhenNoArticleIsAccepted() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));

    HttpResponse<String> response = post(TestServer.resource("/http/all-invalid.json"), "Bearer " + TOKEN);
    HttpResponse<String> empty = post("[]".getBytes(StandardCharsets.UTF_8), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(mapper.readTree(response.body()).path("rejected")).hasSize(2);
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(sink.articles).isEmpty();
    assertThat(sink.rejects).hasSize(2);
  }

  @Test
  void shouldDeadLetterTheBodyWithItsReasonWhenItIsRefusedWhole() throws Exception {
    start(new PushConfig("127.0.0.1", 0, Optional.of(TOKEN), false, 1024, Duration.ofSeconds(5), 100, 2));
    byte[] big = ("{\"body\": \"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] malformed = ("{\"body\": \"leaked " + TOKEN + "\"").getBytes(StandardCharsets.UTF_8);

    assertThat(post(big, "Bearer " + TOKEN).statusCode()).isEqualTo(413);
    assertThat(post(malformed, "Bearer " + TOKEN).statusCode()).isEqualTo(400);

    assertThat(sink.rejects).hasSize(2);
    assertThat(sink.rejects.get(0).getReason()).contains("exceeds the limit of 1024");
    assertThat(sink.rejects.get(0).getPayload()).isNotNull();
    assertThat(sink.rejects.get(1).getReason()).startsWith("malformed JSON");
    String kept = StandardCharsets.UTF_8.decode(sink.rejects.get(1).getPayload()).toString();
    assertThat(kept).as("a token pasted into a body is masked").contains("leaked ***").doesNotContain(TOKEN);
    assertThat(sink.rejects).allSatisfy(dl -> assertThat(dl.toString()).doesNotContain(TOKEN));
  }

  @Test
  void shouldKeepTheServersProvenanceWhenTheClientSendsItsOwn() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));

    assertThat(post(TestServer.resource("/http/spoofed-provenance.json"), "Bearer " + TOKEN).statusCode())
        .isEqualTo(202);

    assertThat(sink.articles).singleElement().satisfies(a -> {
      assertThat(a.getAttributes()).containsEntry("http.client", "127.0.0.1").containsEntry("desk", "politics");
      assertThat(a.getAttributes()).doesNotContainKeys("feed.id", "file");
    });
  }

  @Test
  void shouldAnswer404And405WhenPathOrMethodIsNotPostArticles() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));

    HttpResponse<String> sub = send("/articles/x", "application/json", Map.of("Authorization", "Bearer " + TOKEN),
        TestServer.resource("/http/one-article.json"));
    HttpResponse<String> root = send("/", "application/json", Map.of(), new byte[0]);
    HttpResponse<String> put = client.send(HttpRequest.newBuilder(uri("/articles"))
        .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(sub.statusCode()).isEqualTo(404);
    assertThat(root.statusCode()).isEqualTo(404);
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("POST");
    assertThat(sink.articles).isEmpty();
  }

  @Test
  void shouldServeAPushAtOnceWhen16ClientsTrickleTheirHeaders() throws Exception {
    start(PushConfig.withToken("127.0.0.1", 0, TOKEN));
    try (SlowHeaderClients slow = SlowHeaderClients.open(server.port(), "/articles", 16, Duration.ofMillis(200))) {
      long t0 = System.nanoTime();

      HttpResponse<String> response = post(TestServer.resource("/http/one-article.json"), "Bearer " + TOKEN);

      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void shouldHideTheTokenWhenConfigIsPrinted() {
    assertThat(PushConfig.withToken("127.0.0.1", 0, TOKEN).toString()).doesNotContain(TOKEN).contains("***");
  }
}
