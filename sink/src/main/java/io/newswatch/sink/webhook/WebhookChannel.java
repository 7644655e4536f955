package io.newswatch.sink.webhook;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertChannel;
import io.newswatch.sink.DeliveryKey;
import io.newswatch.sink.DeliveryResult;
import io.newswatch.sink.ledger.DeliveryLedger;
import io.newswatch.sink.ledger.FileDeliveryLedger;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to webhooks, each subscription on its own worker with a bounded queue, so
 * {@link #deliver} never blocks: it returns a future that completes when the endpoint acknowledged,
 * the ledger showed a replay, or the retries ran out.
 */
public final class WebhookChannel implements AlertChannel {

  /** File name of the ledger that {@link #open} keeps in the state directory. */
  public static final String LEDGER_FILE = "webhook-delivered.keys";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);

  private final WebhookConfig config;
  private final DeliveryLedger ledger;
  private final boolean ownsLedger;
  private final HttpClient client;
  private final WebhookSender sender;
  private final ConcurrentMap<String, ThreadPoolExecutor> lanes = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CompletableFuture<DeliveryResult>> inFlight = new ConcurrentHashMap<>();
  /** The creation time of each subscription a lane serves, and of each one removed since. */
  private final ConcurrentMap<String, Optional<Instant>> laneOf = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Optional<Instant>> removed = new ConcurrentHashMap<>();
  private final Object lanesLock = new Object();

  /** A channel over a ledger the caller owns (and closes). */
  public WebhookChannel(WebhookConfig config, DeliveryLedger ledger, SecretResolver secrets) {
    this(config, ledger, secrets, false);
  }

  private WebhookChannel(WebhookConfig config, DeliveryLedger ledger, SecretResolver secrets, boolean ownsLedger) {
    this.config = config;
    this.ledger = ledger;
    this.ownsLedger = ownsLedger;
    this.client = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.sender = new WebhookSender(client, config, ledger, secrets);
  }

  /** A channel whose ledger is the fsynced file {@value #LEDGER_FILE} in {@code stateDir}. */
  public static WebhookChannel open(WebhookConfig config, Path stateDir, SecretResolver secrets) {
    return new WebhookChannel(config, FileDeliveryLedger.open(stateDir.resolve(LEDGER_FILE)), secrets, true);
  }

  @Override
  public CompletableFuture<DeliveryResult> deliver(Subscription subscription, Alert alert) {
    String key = DeliveryKey.of(subscription, alert);
    if (ledger.contains(key)) {
      return CompletableFuture.completedFuture(DeliveryResult.alreadyDelivered(key));
    }
    // An alert the delivery loop matched before the removal reached this channel must not start a new
    // worker for it; the same id added again later has another creation time and is served.
    Optional<Instant> created = Optional.ofNullable(subscription.getCreatedAt());
    Subscription snapshot = Subscription.newBuilder(subscription).build();
    Alert alertCopy = Alert.newBuilder(alert).build();
    CompletableFuture<DeliveryResult> mine = new CompletableFuture<>();
    // With forget(): a removal lands either before this check or after the task is queued, which it
    // then fails; never between them, where a new worker would be made for a removed subscription.
    synchronized (lanesLock) {
      Optional<Instant> gone = removed.get(subscription.getId());
      if (gone != null) {
        if (gone.equals(created)) {
          return CompletableFuture.completedFuture(removedResult(key, subscription.getId()));
        }
        removed.remove(subscription.getId(), gone);
      }
      CompletableFuture<DeliveryResult> running = inFlight.putIfAbsent(key, mine);
      if (running != null) {
        return running;
      }
      mine.whenComplete((r, e) -> inFlight.remove(key, mine));
      try {
        laneOf.put(subscription.getId(), created);
        lane(subscription.getId()).execute(new Task(mine, key, () -> sender.send(snapshot, alertCopy)));
      } catch (RejectedExecutionException e) {
        mine.complete(DeliveryResult.failed(key, 0, "the queue of subscription " + subscription.getId()
            + " is full (" + config.queueCapacity() + " waiting): its endpoint is too slow or down"));
      }
    }
    return mine;
  }

  /** How many deliveries are waiting or running for a subscription; 0 if it has no worker. */
  public int pending(String subscriptionId) {
    ThreadPoolExecutor lane = lanes.get(subscriptionId);
    return lane == null ? 0 : lane.getQueue().size() + lane.getActiveCount();
  }

  /**
   * Stops sending to a removed subscription: its waiting deliveries and the one in its retries fail
   * with the reason (the delivery loop dead-letters them, so `redeliver` can still send them), and
   * its worker stops. A webhook removed because it is wrong or compromised must not keep receiving
   * alerts for the rest of its retry window ({@code sink.webhook.retry-for}, a day by default).
   */
  @Override
  public void forget(String subscriptionId) {
    ThreadPoolExecutor lane;
    synchronized (lanesLock) {
      lane = lanes.remove(subscriptionId);
      Optional<Instant> created = laneOf.remove(subscriptionId);
      if (lane == null) {
        return;
      }
      removed.put(subscriptionId, created == null ? Optional.empty() : created);
    }
    String prefix = DeliveryKey.of(subscriptionId, "");
    // Completed first, so the interrupted attempt's own result ("interrupted") is not the one kept.
    inFlight.forEach((key, f) -> {
      if (key.startsWith(prefix)) {
        f.complete(removedResult(key, subscriptionId));
      }
    });
    for (Runnable r : lane.shutdownNow()) {
      if (r instanceof Task task) {
        task.future.complete(removedResult(task.key, subscriptionId));
      }
    }
  }

  private static DeliveryResult removedResult(String key, String subscriptionId) {
    return DeliveryResult.failed(key, 0, "not sent: subscription " + subscriptionId + " was removed");
  }

  private ThreadPoolExecutor lane(String subscriptionId) {
    return lanes.computeIfAbsent(subscriptionId, id -> {
      ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(config.queueCapacity()),
          r -> {
            Thread t = new Thread(r, "webhook-" + id);
            t.setDaemon(true);
            return t;
          });
      return executor;
    });
  }

  /** Waits briefly for running deliveries, then fails the rest so no caller waits forever. */
  @Override
  public void close() {
    lanes.values().forEach(ThreadPoolExecutor::shutdown);
    for (ThreadPoolExecutor lane : lanes.values()) {
      try {
        if (!lane.awaitTermination(2, TimeUnit.SECONDS)) {
          failAll(lane.shutdownNow());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failAll(lane.shutdownNow());
      }
    }
    lanes.clear();
    inFlight.forEach((key, f) -> f.complete(DeliveryResult.failed(key, 0, "not sent: the channel was closed")));
    client.close();
    if (ownsLedger) {
      ledger.close();
    }
  }

  private static void failAll(List<Runnable> notStarted) {
    for (Runnable r : notStarted) {
      if (r instanceof Task task) {
        task.future.complete(DeliveryResult.failed(task.key, 0, "not sent: the channel was closed"));
      }
    }
  }

  /** A queued delivery that can still be failed if the channel closes before it runs. */
  private record Task(CompletableFuture<DeliveryResult> future, String key, Attempt body) implements Runnable {
    @Override
    public void run() {
      try {
        future.complete(body.run());
      } catch (RuntimeException e) {
        LOG.warn("Webhook delivery {} failed unexpectedly", key, e);
        future.complete(DeliveryResult.failed(key, 0, "unexpected error: " + e.getClass().getSimpleName()));
      }
    }
  }

  /** The work of one delivery. */
  @FunctionalInterface
  private interface Attempt {
    DeliveryResult run();
  }
}
