package io.newswatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.HandAckSink;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.NormalizationPool;
import io.newswatch.ingest.TestServer;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The push endpoint claims acceptance only for what Kafka acknowledged, and pushes back when ingest is full. */
@Timeout(60)
class PushAcknowledgementTest {
  private static final String TOKEN = "s3cret-token-for-ack-tests";
  private final HandAckSink sink = new HandAckSink();
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  private NormalizationPool pool;
  private PushServer server;

  private void start(int threads, int queue) throws IOException {
    pool = NormalizationPool.create(threads, queue, new ArticleNormalizer()::normalize, sink);
    server = new PushServer(PushConfig.withToken("127.0.0.1", 0, TOKEN), pool, sink,
        new IngestMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    server.start();
  }

  @AfterEach
  void stop() {
    sink.gate = null;
    sink.autoAck = true;
    sink.ackAll();
    if (server != null) {
      server.close();
    }
    if (pool != null) {
      pool.close(Duration.ofSeconds(10));
    }
  }

  private CompletableFuture<HttpResponse<String>> push(String resource) throws IOException {
    return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/articles"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofByteArray(TestServer.resource(resource))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "ingest.threads={0}")
  @ValueSource(ints = {1, 2})
  void shouldAnswer202OnlyAfterKafkaAcknowledgedTheArticle(int threads) throws Exception {
    start(threads, 16);
    sink.publishes = new CountDownLatch(1);

    CompletableFuture<HttpResponse<String>> response = push("/http/one-article.json");
    assertThat(sink.publishes.await(30, TimeUnit.SECONDS)).as("the article reached the sink").isTrue();

    // Sent but not acknowledged: no answer may come. (A server that answers after send() answers at once.)
    assertThatThrownBy(() -> response.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    sink.ackAll();
    HttpResponse<String> answered = response.get(30, TimeUnit.SECONDS);

    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(202);
    JsonNode json = mapper.readTree(answered.body());
    assertThat(json.path("accepted").get(0).path("id").asText()).isEqualTo(sink.articles.getFirst().getId());
  }

  @ParameterizedTest(name = "ingest.threads={0}")
  @ValueSource(ints = {1, 2})
  void shouldAnswer503WithRetryAfterAndClaimNothingWhenTheSendFails(int threads) throws Exception {
    start(threads, 16);
    sink.publishes = new CountDownLatch(1);

    CompletableFuture<HttpResponse<String>> response = push("/http/one-article.json");
    assertThat(sink.publishes.await(30, TimeUnit.SECONDS)).isTrue();
    sink.failAll(new IllegalStateException("Expiring 1 record(s): 120000 ms has passed since batch creation"));
    HttpResponse<String> answered = response.get(30, TimeUnit.SECONDS);

    assertThat(answered.statusCode()).isEqualTo(503);
    assertThat(answered.headers().firstValue("Retry-After")).hasValue("1");
    JsonNode json = mapper.readTree(answered.body());
    assertThat(json.path("accepted")).isEmpty();
    assertThat(json.path("error").asText()).contains("retry");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTheQueueIsFull() throws Exception {
    start(2, 1);
    sink.autoAck = true;
    sink.gate = new CountDownLatch(1);
    sink.entered = new CountDownLatch(1);

    CompletableFuture<HttpResponse<String>> first = push("/http/one-article.json");
    assertThat(sink.entered.await(30, TimeUnit.SECONDS)).as("the first push holds the only place").isTrue();
    HttpResponse<String> refused = push("/http/one-article.json").get(30, TimeUnit.SECONDS);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(mapper.readTree(refused.body()).path("error").asText()).contains("queue is full");
    assertThat(mapper.readTree(refused.body()).path("accepted")).isEmpty();
    sink.gate.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    assertThat(sink.articles).hasSize(1);
  }
}
