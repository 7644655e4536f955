package io.newswatch.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.newswatch.testkit.SlowHeaderClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class HardenedHttpServerTest {

  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(3);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static Handler hello() {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        HttpReplies.text(request, response, callback, 200, "hello from " + Thread.currentThread().isVirtual());
        return true;
      }
    };
  }

  @Test
  void shouldAnswerAtOnceAndCutTheTricklersOffWhenClientsDribbleTheirHeaders() throws Exception {
    HttpLimits limits = HttpLimits.defaults().withHeaderTimeout(HEADER_TIMEOUT);
    try (HardenedHttpServer server = HardenedHttpServer.start("test", "127.0.0.1", 0, limits, hello());
        SlowHeaderClients slow = SlowHeaderClients.open(server.port(), "/x", 32, Duration.ofMillis(100))) {
      HttpResponse<String> answer = get(server, "/");
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).as("blocking handlers run on virtual threads").isEqualTo("hello from true");
      // Served while every trickler still held its connection: not after they were cut off. (An
      // order, not a stopwatch: a loaded machine may be slow, but never in this order.)
      assertThat(slow.cutOff()).as("tricklers cut off before the answer came").isZero();

      await("every trickling connection closed after the header timeout").atMost(Duration.ofSeconds(12))
          .until(() -> slow.cutOff() == slow.count());
    }
  }

  @Test
  void shouldStillServeWhenSlowClientsHoldFewerConnectionsThanTheLimit() throws Exception {
    HttpLimits limits = HttpLimits.defaults().withMaxConnections(8).withHeaderTimeout(Duration.ofSeconds(30));
    try (HardenedHttpServer server = HardenedHttpServer.start("test", "127.0.0.1", 0, limits, hello());
        SlowHeaderClients slow = SlowHeaderClients.open(server.port(), "/x", 6, Duration.ofMillis(200))) {
      assertThat(get(server, "/").statusCode()).isEqualTo(200);
      assertThat(slow.cutOff()).isZero();
    }
  }

  @Test
  void shouldNameTheAddressWhenThePortIsTaken() throws Exception {
    try (HardenedHttpServer first = HardenedHttpServer.start("first", "127.0.0.1", 0, HttpLimits.defaults(), hello())) {
      assertThatThrownBy(() -> HardenedHttpServer.start("second", "127.0.0.1", first.port(), HttpLimits.defaults(),
          hello())).isInstanceOf(IOException.class).hasMessageContaining("127.0.0.1:" + first.port());
    }
  }

  @Test
  void shouldRejectLimitsThatCannotWork() {
    assertThatThrownBy(() -> HttpLimits.defaults().withHeaderTimeout(Duration.ZERO))
        .hasMessageContaining("headerTimeout");
    assertThatThrownBy(() -> HttpLimits.defaults().withMaxConnections(0)).hasMessageContaining("maxConnections");
  }

  private HttpResponse<String> get(HardenedHttpServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
