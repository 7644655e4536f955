package io.newswatch.sink;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.runtime.KafkaConnectivity;
import io.newswatch.runtime.ManagementServer;
import io.newswatch.runtime.TopicProvisioner;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.sink.file.JsonlFileChannel;
import io.newswatch.sink.file.JsonlFileConfig;
import io.newswatch.sink.live.LiveChannel;
import io.newswatch.sink.live.LiveConfig;
import io.newswatch.sink.live.LivePageServer;
import io.newswatch.sink.live.RecentAlerts;
import io.newswatch.sink.postgres.PostgresChannels;
import io.newswatch.sink.subscription.SubscriptionFilter;
import io.newswatch.sink.subscription.SubscriptionRegistry;
import io.newswatch.sink.webhook.WebhookChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink stage as a service: keeps the subscriptions in step with their compacted topic, consumes
 * alerts and delivers each to its matching subscriptions through the file, webhook, PostgreSQL and
 * live channels, dead-lettering failures and poison records, and serves the live page.
 *
 * <p>Use {@link #start()}, then {@link #awaitTermination()} or {@link #close(Duration)} from a shutdown hook.
 */
public final class SinkService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);

  private final SinkConfig config;
  private final SinkOptions options;
  private final SubscriptionRegistry subscriptions = new SubscriptionRegistry();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private ManagementServer management;
  private SinkMetrics metrics;
  private LivePageServer livePage;
  private RecentAlerts recentAlerts;
  private volatile Thread restoreThread;
  private ChannelRouter router;
  private KafkaProducer<String, DeadLetter> deadLetters;
  private SubscriptionFeed feed;
  private DeliveryLoop loop;
  private volatile Thread loopThread;
  private boolean started;
  private volatile boolean closed;

  public SinkService(SinkConfig config, SinkOptions options) {
    this.config = config;
    this.options = options;
  }

  /**
   * Creates missing topics, seeds subscriptions, opens the channels, reads the subscriptions topic
   * to its end, and then starts consuming alerts: no alert is handled before every existing
   * subscription is known.
   *
   * @throws IllegalStateException if a part cannot start; whatever had started is closed again
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the sink service was already started");
    }
    started = true;
    try {
      startParts();
    } catch (RuntimeException e) {
      close(Duration.ofSeconds(10));
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close(Duration.ofSeconds(10));
      throw new IllegalStateException("interrupted while starting the sink", e);
    } catch (IOException e) {
      close(Duration.ofSeconds(10));
      throw new UncheckedIOException("cannot start the sink: " + e.getMessage(), e);
    }
  }

  private void startParts() throws IOException, InterruptedException {
    LOG.info("Starting the sink: alerts from {}, subscriptions from {}, dead letters to {}, group {}",
        config.alertsTopic(), config.subscriptionsTopic(), config.dlqTopic(), config.groupId());
    management = options.management();
    if (management == null && config.managementPort() >= 0) {
      management = ManagementServer.start(config.managementHost(), config.managementPort());
      resources.add(management);
      // A sink with its own port reports the cluster too; a shared port's owner does that for all.
      KafkaConnectivity kafka = KafkaConnectivity.start(config.kafkaProperties(), Duration.ofSeconds(3));
      resources.add(kafka);
      management.addReadinessCheck("kafka", kafka::reachable);
    }
    MeterRegistry meters = management == null ? new SimpleMeterRegistry() : management.meterRegistry();
    metrics = new SinkMetrics(meters);
    Gauge.builder("newswatch.sink.subscriptions", subscriptions, SubscriptionRegistry::size).register(meters);

    TopicProvisioner.ensure(config.kafkaProperties(), List.of(
        Topics.ALERTS.renamed(config.alertsTopic()),
        Topics.SUBSCRIPTIONS.renamed(config.subscriptionsTopic()),
        Topics.SINK_DLQ.renamed(config.dlqTopic())));
    RegistryClient registry = new RegistryClient(config.registry());
    if (config.seed().isPresent()) {
      try (SubscriptionsAdmin admin = new SubscriptionsAdmin(config.kafkaProperties(), registry,
          config.subscriptionsTopic(), config.fileTargets())) {
        admin.seed(config.seed().get());
      }
    }

    router = new ChannelRouter(channels());
    resources.add(router);
    deadLetters = SinkClients.producer(config.kafkaProperties(), "newswatch-sink-dlq",
        Topics.SINK_DLQ.renamed(config.dlqTopic()).valueSerde(registry).serializer());

    feed = new SubscriptionFeed(config.kafkaProperties(), config.subscriptionsTopic(),
        Topics.SUBSCRIPTIONS.renamed(config.subscriptionsTopic()).valueSerde(registry).deserializer(),
        subscriptions, metrics, this::forget, letter -> deadLetters.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
            config.dlqTopic(), letter.getOriginTopic() + "-" + letter.getOriginPartition() + "@" + letter.getOriginOffset(),
            letter)), config.fileTargets());
    feed.start();
    if (!feed.awaitCaughtUp(config.catchUpTimeout())) {
      throw new IllegalStateException("could not read the subscriptions topic " + config.subscriptionsTopic()
          + " within " + SinkConfig.CATCH_UP_TIMEOUT + " (" + config.catchUpTimeout() + ")");
    }
    if (management != null) {
      management.addReadinessCheck("sink-subscriptions", feed::caughtUp);
      management.addReadinessCheck("sink-alerts", this::deliveringHealthy);
      // The delivery thread ended by an error (an OutOfMemoryError, a bug) delivers nothing again until a
      // restart: that is liveness, not readiness, or an orchestrator never restarts the process.
      management.addLivenessCheck("sink-alerts", () -> closed || loopThread == null || loopThread.isAlive());
    }

    restoreLivePage(registry);
    loop = new DeliveryLoop(config, Topics.ALERTS.renamed(config.alertsTopic()).valueSerde(registry).deserializer(),
        subscriptions, router, deadLetters, metrics, options.onAlert());
    loop.bindClientMetrics(meters);
    loopThread = new Thread(loop, "sink-alerts");
    loopThread.start();
    LOG.info("Sink started with {} subscriptions{}", subscriptions.size(),
        livePage == null ? "" : "; live page at " + livePage.url());
  }

  /**
   * Puts the recent alerts of the LIVE subscriptions back on the live page, so a restarted sink shows
   * the desk its stories instead of an empty page. It runs beside the delivery loop, which does not
   * wait for it (two days of a busy desk take a while to read); the page merges by alert id and story
   * version whatever arrives twice or out of order, and open pages receive the restored alerts over SSE.
   * A failed restore leaves the page as it would have been without one: it is logged, not fatal.
   */
  private void restoreLivePage(RegistryClient registry) {
    if (recentAlerts == null || config.liveRestore().isZero()) {
      return;
    }
    List<io.newswatch.schemas.avro.Subscription> live = subscriptions.all().stream()
        .filter(s -> s.getChannel() == Channel.LIVE).toList();
    if (live.isEmpty()) {
      return;
    }
    AlertHistory history = new AlertHistory(config.kafkaProperties(), config.alertsTopic(),
        Topics.ALERTS.renamed(config.alertsTopic()).valueSerde(registry).deserializer());
    RecentAlerts page = recentAlerts;
    restoreThread = new Thread(() -> restore(history, live, page), "sink-live-restore");
    restoreThread.setDaemon(true);
    restoreThread.start();
  }

  private void restore(AlertHistory history, List<io.newswatch.schemas.avro.Subscription> live, RecentAlerts recentAlerts) {
    long[] shown = new long[1];
    try {
      AlertHistory.Result read = history.read(java.time.Instant.now().minus(config.liveRestore()),
          config.catchUpTimeout(), alert -> {
            if (live.stream().anyMatch(s -> SubscriptionFilter.matches(s, alert)) && recentAlerts.publish(alert)) {
              shown[0]++;
            }
          });
      LOG.info("Live page restored {} of {} alerts from the last {} of {}", shown[0], read.alerts(),
          config.liveRestore(), config.alertsTopic());
    } catch (RuntimeException e) {
      LOG.warn("Could not restore the live page from {} ({}); it shows new alerts only", config.alertsTopic(),
          e.getMessage());
    }
  }

  private Map<Channel, AlertChannel> channels() {
    Map<Channel, AlertChannel> channels = new EnumMap<>(Channel.class);
    // The live page first: binding its port is what most often fails, and nothing is open yet then.
    if (config.liveEnabled()) {
      RecentAlerts recent = new RecentAlerts(config.liveBuffer());
      recentAlerts = recent;
      LiveConfig live = LiveConfig.defaults();
      livePage = new LivePageServer(new LiveConfig(config.liveHost(), config.livePort(), live.clientQueue(),
          live.keepAlive(), config.liveAllowedHosts()), recent);
      resources.add(livePage);
      channels.put(Channel.LIVE, new LiveChannel(recent));
    }
    // One fsync per poll for all the lines of a directory; the loop flushes after handing them out.
    channels.put(Channel.FILE, new JsonlFileChannel(JsonlFileConfig.defaults(), true, config.fileTargets()));
    // One transaction and round trip per poll and database.
    channels.put(Channel.POSTGRES, new PostgresChannels(config.postgresUrl(), true));
    channels.put(Channel.WEBHOOK, WebhookChannel.open(config.webhook(), config.stateDir(), options.secrets()));
    return channels;
  }

  private void forget(String subscriptionId) {
    ChannelRouter r = router;
    if (r != null) {
      r.forget(subscriptionId);
    }
  }

  private boolean deliveringHealthy() {
    return loop != null && loop.healthy() && loopThread.isAlive();
  }

  /** True once the subscriptions are read and while alerts are being consumed. */
  public boolean isReady() {
    return feed != null && feed.caughtUp() && deliveringHealthy();
  }

  /** The subscriptions the sink currently delivers to; follows the topic live. */
  public SubscriptionRegistry subscriptions() {
    return subscriptions;
  }

  /** The sink's counters (see {@link SinkMetrics} for the names); available after {@link #start()}. */
  public SinkMetrics metrics() {
    if (metrics == null) {
      throw new IllegalStateException("start the sink service first");
    }
    return metrics;
  }

  /** The live page's URL, when it is served. */
  public Optional<String> livePageUrl() {
    return Optional.ofNullable(livePage).map(LivePageServer::url);
  }

  /** The port of the sink's own management server, when it started one. */
  public Optional<Integer> managementPort() {
    return management == null || options.management() != null ? Optional.empty() : Optional.of(management.port());
  }

  /** Why the delivery loop stopped on its own, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(loop).map(DeliveryLoop::failure);
  }

  /** Blocks until the delivery loop ends: after {@link #close} or a failure. */
  public void awaitTermination() throws InterruptedException {
    Thread t = loopThread;
    if (t != null) {
      t.join();
    }
  }

  /** Blocks at most {@code timeout} for the delivery loop to end; true if it has. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    Thread t = loopThread;
    if (t == null) {
      return true;
    }
    t.join(timeout.toMillis());
    return !t.isAlive();
  }

  /**
   * Stops consuming, waits up to {@code timeout} for the loop to finish its batch (an unfinished
   * batch stays uncommitted and is replayed next time, deduplicated by the channels), then closes
   * the readers, channels, live page and management server. Safe to call more than once.
   */
  public synchronized void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    Thread restoring = restoreThread;
    if (restoring != null) {
      restoring.interrupt(); // a restore still reading stops; the page is closing anyway
    }
    if (loop != null) {
      loop.stop();
      try {
        if (!loopThread.join(timeout)) {
          LOG.warn("The delivery loop did not stop within {}; closing its channels under it", timeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (feed != null) {
      feed.close();
    }
    if (deadLetters != null) {
      deadLetters.close(Duration.ofSeconds(2));
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed", resources.get(i).getClass().getSimpleName(), e);
      }
    }
    LOG.info("Sink stopped");
  }

  /** {@link #close(Duration)} with 30 seconds. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
