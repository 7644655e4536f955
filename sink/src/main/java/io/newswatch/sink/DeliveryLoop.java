package io.newswatch.sink;

import io.newswatch.runtime.DeadLetters;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.registry.RegistryException;
import io.newswatch.sink.subscription.SubscriptionRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert consumer loop. It never waits for a delivery: each record's deliveries are handed to their
 * channels (a webhook to its subscription's own worker, which may retry for hours), and the loop goes
 * on polling, so one slow endpoint delays only its own subscription. A record is done once every
 * delivery succeeded or its dead letter is acknowledged by Kafka; a partition's offset is committed up
 * to its oldest record not yet done, so a crash loses nothing and a restart replays only what may not
 * have arrived (the channels skip what did, by delivery key).
 *
 * <p>Completions from channel threads are queued and applied on the loop thread, which owns all
 * bookkeeping. When too many records wait, the consumer pauses until half of them are done.
 */
final class DeliveryLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
  private static final String STAGE = "sink";
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration COMMIT_EVERY = Duration.ofMillis(200);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
  /** Records waiting for deliveries before the consumer pauses; bounds the alerts held in memory. */
  static final int MAX_PENDING = 10_000;

  private final SinkConfig config;
  private final Deserializer<Alert> alerts;
  private final SubscriptionRegistry registry;
  private final ChannelRouter router;
  private final Producer<String, DeadLetter> deadLetters;
  private final SinkMetrics metrics;
  private final Consumer<Alert> onAlert;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ConcurrentLinkedQueue<Runnable> completions = new ConcurrentLinkedQueue<>();
  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private final List<Unsent> unsent = new ArrayList<>();
  private long lastCommit;
  private long nextLetterRetry;
  private int pending;
  private boolean paused;
  private volatile boolean running = true;
  private volatile Throwable failure;

  DeliveryLoop(SinkConfig config, Deserializer<Alert> alerts, SubscriptionRegistry registry, ChannelRouter router,
      Producer<String, DeadLetter> deadLetters, SinkMetrics metrics, Consumer<Alert> onAlert) {
    this.config = config;
    this.alerts = alerts;
    this.registry = registry;
    this.router = router;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.onAlert = onAlert;
    this.consumer = new KafkaConsumer<>(consumerProperties(config), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  static Properties consumerProperties(SinkConfig config) {
    Properties p = config.kafkaProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "newswatch-sink-alerts");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A new group starts at the beginning: a fresh sink replays every alert, and the channels dedupe.
    p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return p;
  }

  /** Exposes the alerts consumer's own metrics (lag, fetch rate) next to the sink's. */
  void bindClientMetrics(io.micrometer.core.instrument.MeterRegistry meters) {
    new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(consumer).bindTo(meters);
    io.micrometer.core.instrument.Gauge.builder("newswatch.sink.pending.records", this, l -> l.pending)
        .description("alert records whose deliveries are not all done; their offsets are not committed yet")
        .register(meters);
  }

  /** True while the loop runs and has not failed. */
  boolean healthy() {
    return running && failure == null;
  }

  /** Why the loop stopped on its own, or null. */
  Throwable failure() {
    return failure;
  }

  /** Asks the loop to stop; deliveries still running stay uncommitted and are replayed by the next run. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(config.alertsTopic()), new Rebalance());
      while (running) {
        applyCompletions();
        resendLetters();
        commit(false);
        throttle();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty() && !take(records)) {
          Thread.sleep(RETRY_BACKOFF);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
        LOG.error("The alert consumer was woken up unexpectedly", e);
      }
    } catch (InterruptedException | InterruptException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("The alert delivery loop on {} stopped", config.alertsTopic(), e);
    } finally {
      finish();
    }
  }

  /** Commits what is done (a wakeup left by {@link #stop} may hit the first try) and closes the consumer. */
  private void finish() {
    try {
      applyCompletions();
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          commit(true);
          break;
        } catch (WakeupException e) {
          // The wakeup that ended the loop; the second try commits.
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Final commit of the alert offsets failed; the next run replays a little more", e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Hands each record's deliveries out; false if the registry is down and a partition was rewound. */
  private boolean take(ConsumerRecords<byte[], byte[]> records) {
    boolean allTaken = true;
    for (TopicPartition tp : records.partitions()) {
      PartitionState state = partitions.computeIfAbsent(tp, t -> new PartitionState());
      for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
        Alert alert;
        String poison = null;
        Throwable error = null;
        try {
          alert = alerts.deserialize(r.topic(), r.value());
          if (alert == null) {
            poison = "the record has no value (a tombstone); alerts are never deleted";
          }
        } catch (RegistryException.Unavailable e) {
          LOG.warn("Schema registry unavailable while decoding {}-{}@{}; reading it again: {}", r.topic(), r.partition(),
              r.offset(), e.getMessage());
          consumer.seek(tp, r.offset());
          allTaken = false;
          break;
        } catch (RuntimeException e) {
          alert = null;
          poison = "cannot decode the alert: " + DeadLetters.describe(e);
          error = e;
        }
        state.next = r.offset() + 1;
        Tracked tracked = new Tracked(tp, r, alert);
        if (poison != null) {
          metrics.poison();
          LOG.warn("Poison record {}-{}@{} sent to {}: {}", r.topic(), r.partition(), r.offset(), config.dlqTopic(),
              poison);
          DeadLetter letter = DeadLetters.ofRecord(STAGE, poison, error, r.topic(), r.partition(), r.offset(), r.key(),
              r.value(), r.headers());
          track(state, tracked, 1);
          send(tracked, new ProducerRecord<>(config.dlqTopic(), key(r), letter));
          continue;
        }
        metrics.alert();
        List<Subscription> subscriptions = registry.matching(alert);
        if (subscriptions.isEmpty()) {
          tell(alert);
          continue;
        }
        track(state, tracked, subscriptions.size());
        for (Subscription s : subscriptions) {
          router.deliver(s, alert).whenComplete((result, e) -> completions.add(() -> delivered(tracked, s,
              result != null ? result : DeliveryResult.failed(DeliveryKey.of(s, tracked.alert), 0,
                  "channel error: " + (e == null ? "no result" : e.getClass().getSimpleName())))));
        }
      }
    }
    // Channels that batch their writes (one fsync, one SQL round trip) complete this poll's deliveries now.
    router.flush();
    return allTaken;
  }

  private void track(PartitionState state, Tracked tracked, int outstanding) {
    tracked.outstanding = outstanding;
    state.pending.put(tracked.record.offset(), tracked);
    pending++;
  }

  private void applyCompletions() {
    Runnable r;
    while ((r = completions.poll()) != null) {
      r.run();
    }
  }

  private void delivered(Tracked tracked, Subscription s, DeliveryResult result) {
    if (tracked.abandoned) {
      return;
    }
    metrics.delivery(s.getChannel(), result.outcome());
    if (result.succeeded()) {
      done(tracked);
      return;
    }
    LOG.warn("Delivery {} over {} failed: {}; sent to {}", result.deliveryKey(), s.getChannel(), result.detail(),
        config.dlqTopic());
    send(tracked, failed(tracked, s, result));
  }

  /** Sends a dead letter; the record is done for it once Kafka acknowledged it, else it is sent again. */
  private void send(Tracked tracked, ProducerRecord<String, DeadLetter> letter) {
    try {
      deadLetters.send(letter, (meta, e) -> completions.add(() -> {
        if (e == null) {
          metrics.deadLetters(1);
          done(tracked);
        } else {
          LOG.error("Cannot write a dead letter to {}; trying again", config.dlqTopic(), e);
          unsent.add(new Unsent(tracked, letter));
        }
      }));
    } catch (KafkaException e) {
      if (e instanceof InterruptException i) {
        throw i;
      }
      LOG.error("Cannot write a dead letter to {}; trying again", config.dlqTopic(), e);
      unsent.add(new Unsent(tracked, letter));
    }
  }

  private void resendLetters() {
    if (unsent.isEmpty() || System.currentTimeMillis() < nextLetterRetry) {
      return;
    }
    nextLetterRetry = System.currentTimeMillis() + RETRY_BACKOFF.toMillis();
    List<Unsent> again = List.copyOf(unsent);
    unsent.clear();
    again.stream().filter(u -> !u.tracked.abandoned).forEach(u -> send(u.tracked, u.letter));
  }

  private void done(Tracked tracked) {
    if (tracked.abandoned || --tracked.outstanding > 0) {
      return;
    }
    PartitionState state = partitions.get(tracked.partition);
    if (state != null && state.pending.remove(tracked.record.offset()) != null) {
      pending--;
    }
    if (tracked.alert != null) {
      tell(tracked.alert);
    }
  }

  /** Commits, per partition, up to its oldest record not yet done; at most every 200 ms unless forced. */
  private void commit(boolean force) {
    long now = System.currentTimeMillis();
    if (!force && now - lastCommit < COMMIT_EVERY.toMillis()) {
      return;
    }
    lastCommit = now;
    commit(partitions.keySet(), force);
  }

  private void commit(Collection<TopicPartition> which, boolean force) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : which) {
      PartitionState state = partitions.get(tp);
      if (state == null || state.next < 0) {
        continue;
      }
      long upTo = state.pending.isEmpty() ? state.next : state.pending.firstKey();
      if (upTo > state.committed) {
        offsets.put(tp, new OffsetAndMetadata(upTo));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
      offsets.forEach((tp, o) -> partitions.get(tp).committed = o.offset());
    } catch (WakeupException | InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      // Everything before these offsets is done; a later commit covers it, or a replay is skipped by the channels.
      LOG.warn("Committing {} failed: {}", offsets, e.getMessage());
    }
  }

  /** Pauses reading while too many records wait for deliveries, resumes once half of them are done. */
  private void throttle() {
    if (!paused && pending >= MAX_PENDING) {
      paused = true;
      LOG.warn("{} alert records wait for slow deliveries; pausing the consumer until half of them are done",
          pending);
    } else if (paused && pending <= MAX_PENDING / 2) {
      paused = false;
      consumer.resume(consumer.assignment());
      LOG.info("Deliveries caught up ({} records waiting); consuming again", pending);
    }
    if (paused) {
      consumer.pause(consumer.assignment());
    }
  }

  private ProducerRecord<String, DeadLetter> failed(Tracked tracked, Subscription s, DeliveryResult result) {
    ConsumerRecord<byte[], byte[]> r = tracked.record;
    DeadLetter base = DeadLetters.of(STAGE, "kafka:" + r.topic(), result.detail(), null,
        AlertJson.bytes(AlertJson.toJson(tracked.alert)));
    Map<String, String> attributes = new HashMap<>();
    attributes.put("subscriptionId", s.getId());
    attributes.put("alertId", tracked.alert.getAlertId());
    attributes.put("deliveryKey", result.deliveryKey());
    attributes.put("channel", s.getChannel().name());
    attributes.put("attempts", Integer.toString(result.attempts()));
    DeadLetter letter = DeadLetter.newBuilder(base)
        .setOriginTopic(r.topic())
        .setOriginPartition(r.partition())
        .setOriginOffset(r.offset())
        .setKey(r.key() == null ? null : ByteBuffer.wrap(r.key()))
        .setAttributes(attributes)
        .build();
    return new ProducerRecord<>(config.dlqTopic(), result.deliveryKey(), letter);
  }

  private void tell(Alert alert) {
    try {
      onAlert.accept(alert);
    } catch (RuntimeException e) {
      LOG.warn("The alert hook failed on {}", alert.getAlertId(), e);
    }
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
  }

  /** Commits what is done in partitions that are taken away, and forgets their records. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      applyCompletions();
      commit(revoked, true);
      forget(revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      forget(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      // State is created on a partition's first record, at the committed position.
    }

    private void forget(Collection<TopicPartition> gone) {
      for (TopicPartition tp : gone) {
        PartitionState state = partitions.remove(tp);
        if (state != null) {
          state.pending.values().forEach(t -> t.abandoned = true);
          pending -= state.pending.size();
        }
      }
    }
  }

  /** A partition's position: the next offset to read, what is committed, and the records not yet done. */
  private static final class PartitionState {
    long next = -1;
    long committed = -1;
    final TreeMap<Long, Tracked> pending = new TreeMap<>();
  }

  /** One alert record and how many of its deliveries (or its dead letter) are still outstanding. */
  private static final class Tracked {
    final TopicPartition partition;
    final ConsumerRecord<byte[], byte[]> record;
    final Alert alert;
    int outstanding;
    boolean abandoned;

    Tracked(TopicPartition partition, ConsumerRecord<byte[], byte[]> record, Alert alert) {
      this.partition = partition;
      this.record = record;
      this.alert = alert;
    }
  }

  /** A dead letter Kafka did not take, to send again. */
  private record Unsent(Tracked tracked, ProducerRecord<String, DeadLetter> letter) {
  }
}
