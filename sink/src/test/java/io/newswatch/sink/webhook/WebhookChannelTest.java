package io.newswatch.sink.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.DeliveryResult;
import io.newswatch.sink.DeliveryResult.Outcome;
import io.newswatch.sink.Fixtures;
import io.newswatch.sink.LogCapture;
import io.newswatch.sink.ledger.InMemoryDeliveryLedger;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookChannelTest {

  private static final String SECRET = "s3cr3t-Value-42";
  private static final SecretResolver SECRETS = SecretResolver.of(Map.of("HOOK_SECRET", SECRET));
  private static final WebhookConfig FAST = new WebhookConfig(Duration.ofSeconds(2), Duration.ofSeconds(2), 3,
      Duration.ofMillis(20), Duration.ofMillis(100), 100);

  @TempDir
  Path stateDir;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
  }

  @Test
  void shouldSignBodyAndSendIdempotencyKeyWhenDelivering() throws Exception {
    WebhookReceiver receiver = receiver();
    WebhookChannel channel = open(FAST);

    DeliveryResult result = channel.deliver(hook("hook", receiver), Fixtures.alert("a1")).join();

    assertThat(result).isEqualTo(DeliveryResult.delivered("hook:a1", 1));
    assertThat(receiver.badSignatures()).isZero();
    WebhookReceiver.Accepted got = receiver.accepted().get(0);
    assertThat(got.idempotencyKey()).isEqualTo("hook:a1");
    assertThat(got.alertId()).isEqualTo("a1");
    assertThat(AlertJson.mapper().readTree(got.body()).get("title").asText()).isEqualTo("OPEC cuts output a1");
  }

  @Test
  void shouldDeliverEachExactlyOnceWhenNewChannelReplaysAfterRestart() throws Exception {
    WebhookReceiver receiver = receiver();
    Subscription sub = hook("hook", receiver);
    List<Alert> first = Fixtures.alerts("a", 5);
    try (WebhookChannel channel = WebhookChannel.open(FAST, stateDir, SECRETS)) {
      joinAll(first.stream().map(a -> channel.deliver(sub, a)).toList());
    }

    List<DeliveryResult> replay;
    try (WebhookChannel restarted = WebhookChannel.open(FAST, stateDir, SECRETS)) {
      List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
      first.forEach(a -> futures.add(restarted.deliver(sub, a)));
      Fixtures.alerts("b", 3).forEach(a -> futures.add(restarted.deliver(sub, a)));
      replay = joinAll(futures);
    }

    assertThat(replay.subList(0, 5)).extracting(DeliveryResult::outcome).containsOnly(Outcome.ALREADY_DELIVERED);
    assertThat(replay.subList(5, 8)).extracting(DeliveryResult::outcome).containsOnly(Outcome.DELIVERED);
    assertThat(receiver.acceptedKeys()).containsExactlyInAnyOrder("hook:a-0", "hook:a-1", "hook:a-2", "hook:a-3",
        "hook:a-4", "hook:b-0", "hook:b-1", "hook:b-2");
    assertThat(receiver.requests()).isEqualTo(8);
  }

  @Test
  void shouldSucceedOnThirdAttemptWhenEndpointFailsTwice() throws Exception {
    WebhookReceiver receiver = receiver();
    receiver.script(503, 500);
    WebhookChannel channel = open(FAST);

    DeliveryResult result = channel.deliver(hook("hook", receiver), Fixtures.alert("a1")).join();

    assertThat(result.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(receiver.requests()).isEqualTo(3);
    assertThat(receiver.acceptedKeys()).containsExactly("hook:a1");
  }

  @Test
  void shouldFailWithReasonAndAllowRedeliveryWhenRetriesRunOut() throws Exception {
    WebhookReceiver receiver = receiver();
    receiver.script(503, 503, 503);
    WebhookChannel channel = open(FAST);
    Subscription sub = hook("hook", receiver);

    DeliveryResult failed = channel.deliver(sub, Fixtures.alert("a1")).join();
    DeliveryResult retried = channel.deliver(sub, Fixtures.alert("a1")).join();

    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.detail()).contains("HTTP 503").contains("after 3 attempts");
    assertThat(retried.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(receiver.acceptedKeys()).containsExactly("hook:a1");
  }

  @Test
  void shouldDeliverWhenTheEndpointComesBackWithinTheRetryWindow() throws Exception {
    WebhookReceiver receiver = receiver();
    // Twelve failures: more than the five attempts that used to send the alert to the dead letters.
    receiver.script(503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503);
    WebhookConfig untilBack = new WebhookConfig(Duration.ofSeconds(2), Duration.ofSeconds(2), 0,
        Duration.ofMillis(10), Duration.ofMillis(40), 100, Duration.ofSeconds(30));
    WebhookChannel channel = open(untilBack);

    DeliveryResult result = channel.deliver(hook("hook", receiver), Fixtures.alert("a1")).get(20, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(result.attempts()).isEqualTo(13);
    assertThat(receiver.acceptedKeys()).containsExactly("hook:a1");
  }

  @Test
  void shouldStopSendingToASubscriptionOnceItIsRemoved() throws Exception {
    WebhookReceiver receiver = receiver();
    receiver.script(java.util.stream.IntStream.generate(() -> 503).limit(1000).toArray());
    WebhookConfig dayLong = new WebhookConfig(Duration.ofSeconds(2), Duration.ofSeconds(2), 0,
        Duration.ofMillis(20), Duration.ofMillis(50), 100, Duration.ofHours(24));
    WebhookChannel channel = open(dayLong);
    CompletableFuture<DeliveryResult> retrying = channel.deliver(hook("hook", receiver), Fixtures.alert("a1"));
    CompletableFuture<DeliveryResult> waiting = channel.deliver(hook("hook", receiver), Fixtures.alert("a2"));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests() >= 3);

    channel.forget("hook");

    DeliveryResult first = retrying.get(5, TimeUnit.SECONDS);
    DeliveryResult second = waiting.get(5, TimeUnit.SECONDS);
    assertThat(List.of(first, second)).allSatisfy(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(r.detail()).isEqualTo("not sent: subscription hook was removed");
    });
    // A request already on the wire when the worker was stopped may still land; after that the count
    // holds for ten of this config's backoffs.
    int sent = steadyRequests(receiver);
    assertThat(receiver.acceptedKeys()).isEmpty();

    // An alert the delivery loop matched before it heard of the removal starts no new worker...
    DeliveryResult late = channel.deliver(hook("hook", receiver), Fixtures.alert("a3")).get(1, TimeUnit.SECONDS);
    assertThat(late.detail()).isEqualTo("not sent: subscription hook was removed");
    assertThat(steadyRequests(receiver)).as("no attempt after the removal").isEqualTo(sent);
    // ...but the same id added again (a new creation time) is served.
    WebhookReceiver back = receiver();
    Subscription again = Subscription.newBuilder(hook("hook", back)).setCreatedAt(java.time.Instant.parse("2026-12-01T00:00:00Z"))
        .build();
    assertThat(channel.deliver(again, Fixtures.alert("a4")).get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.DELIVERED);
  }

  @Test
  void shouldFailWithReasonWhenTheRetryWindowEnds() throws Exception {
    WebhookReceiver receiver = receiver();
    receiver.script(java.util.stream.IntStream.generate(() -> 503).limit(200).toArray());
    WebhookConfig shortWindow = new WebhookConfig(Duration.ofSeconds(2), Duration.ofSeconds(2), 0,
        Duration.ofMillis(20), Duration.ofMillis(50), 100, Duration.ofMillis(400));
    WebhookChannel channel = open(shortWindow);

    DeliveryResult result = channel.deliver(hook("hook", receiver), Fixtures.alert("a1")).get(10, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.attempts()).isGreaterThan(3);
    assertThat(result.detail()).contains("HTTP 503").contains("attempts in");
  }

  @Test
  void shouldNotRetryWhenEndpointRejectsWithClientError() throws Exception {
    WebhookReceiver receiver = receiver();
    receiver.script(422);
    WebhookChannel channel = open(FAST);

    DeliveryResult result = channel.deliver(hook("hook", receiver), Fixtures.alert("a1")).join();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.detail()).contains("HTTP 422");
    assertThat(receiver.requests()).isEqualTo(1);
  }

  @Test
  void shouldNotHoldUpOtherSubscriberWhenOneEndpointHangs() throws Exception {
    WebhookReceiver dead = receiver();
    dead.hang();
    WebhookReceiver healthy = receiver();
    // The dead endpoint holds each attempt for 2 s, so its first delivery takes about 4 s.
    WebhookConfig config = new WebhookConfig(Duration.ofSeconds(1), Duration.ofSeconds(2), 2,
        Duration.ofMillis(20), Duration.ofMillis(50), 1);
    WebhookChannel channel = open(config);
    Subscription deadSub = hook("dead", dead);
    Subscription healthySub = hook("healthy", healthy);

    CompletableFuture<DeliveryResult> stuck = channel.deliver(deadSub, Fixtures.alert("d-0"));
    await().atMost(Duration.ofSeconds(5)).until(() -> dead.requests() == 1);
    CompletableFuture<DeliveryResult> queued = channel.deliver(deadSub, Fixtures.alert("d-1"));
    DeliveryResult overflow = channel.deliver(deadSub, Fixtures.alert("d-2")).join();
    List<DeliveryResult> fine = new ArrayList<>();
    for (Alert alert : Fixtures.alerts("h", 3)) {
      // Each must finish quickly while the dead endpoint still holds its first delivery.
      fine.add(channel.deliver(healthySub, alert).get(1, TimeUnit.SECONDS));
    }

    assertThat(stuck).isNotDone();
    assertThat(queued).isNotDone();
    assertThat(fine).extracting(DeliveryResult::outcome).containsOnly(Outcome.DELIVERED);
    assertThat(healthy.acceptedKeys()).containsExactly("healthy:h-0", "healthy:h-1", "healthy:h-2");
    assertThat(overflow.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(overflow.detail()).contains("queue of subscription dead is full");
    DeliveryResult timedOut = stuck.get(10, TimeUnit.SECONDS);
    assertThat(timedOut.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(timedOut.detail()).contains("HttpTimeoutException").contains("after 2 attempts");
  }

  @Test
  void shouldNotWaitForABodyAReceiverStallsAfterItsHeaders() throws Exception {
    WebhookReceiver receiver = receiver();
    receiver.drip();
    WebhookChannel channel = open(FAST);
    Subscription sub = hook("hook", receiver);

    // Its answer is the status: read to the end, a body sent a byte at a time would hold the subscription.
    DeliveryResult first = channel.deliver(sub, Fixtures.alert("a1")).get(10, TimeUnit.SECONDS);
    DeliveryResult second = channel.deliver(sub, Fixtures.alert("a2")).get(10, TimeUnit.SECONDS);

    assertThat(first.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(second.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(receiver.acceptedKeys()).containsExactly("hook:a1", "hook:a2");
  }

  @Test
  void shouldFailWithoutSendingWhenSecretIsMissing() throws Exception {
    WebhookReceiver receiver = receiver();
    WebhookChannel channel = open(FAST);
    Subscription sub = Subscription.newBuilder(hook("hook", receiver)).setSecretRef("NOT_SET_ANYWHERE").build();

    DeliveryResult result = channel.deliver(sub, Fixtures.alert("a1")).join();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.detail()).contains("NOT_SET_ANYWHERE");
    assertThat(receiver.requests()).isZero();
  }

  @Test
  void shouldNeverRevealSecretWhenLoggingOrFailing() throws Exception {
    List<DeliveryResult> results = new ArrayList<>();
    try (LogCapture logs = LogCapture.start("io.newswatch")) {
      WebhookReceiver receiver = receiver();
      WebhookChannel channel = open(FAST);
      Subscription sub = hook("hook", receiver);
      results.add(channel.deliver(sub, Fixtures.alert("ok")).join());
      receiver.script(503, 503, 503);
      results.add(channel.deliver(sub, Fixtures.alert("flaky")).join());
      receiver.script(400);
      results.add(channel.deliver(sub, Fixtures.alert("rejected")).join());
      Subscription refused = Subscription.newBuilder(sub).setId("refused")
          .setTarget("http://127.0.0.1:" + closedPort() + "/hook?token=" + SECRET).build();
      results.add(channel.deliver(refused, Fixtures.alert("refused")).join());

      assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(SECRET));
    }

    assertThat(results).extracting(DeliveryResult::outcome)
        .containsExactly(Outcome.DELIVERED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED);
    assertThat(results).extracting(DeliveryResult::detail).noneMatch(d -> d.contains(SECRET));
  }

  private WebhookReceiver receiver() throws IOException {
    WebhookReceiver r = new WebhookReceiver(SECRET);
    toClose.add(r);
    return r;
  }

  private WebhookChannel open(WebhookConfig config) {
    WebhookChannel c = new WebhookChannel(config, new InMemoryDeliveryLedger(), SECRETS);
    toClose.add(c);
    return c;
  }

  /** The receiver's request count once it has not moved for half a second. */
  private static int steadyRequests(WebhookReceiver receiver) {
    java.util.concurrent.atomic.AtomicInteger last = new java.util.concurrent.atomic.AtomicInteger(-1);
    org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50)).until(() -> {
          int now = receiver.requests();
          return last.getAndSet(now) == now;
        });
    return receiver.requests();
  }

  private static Subscription hook(String id, WebhookReceiver receiver) {
    return Fixtures.subscription(id, Channel.WEBHOOK, receiver.url());
  }

  private static List<DeliveryResult> joinAll(List<CompletableFuture<DeliveryResult>> futures) {
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
