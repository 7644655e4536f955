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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert consumer loop. Per polled batch: decode every record (a poison record becomes a dead
 * letter), deliver each alert to its matching subscriptions, wait for every delivery, write the failed
 * ones to the dead-letter topic and flush, and only then commit the batch's offsets.
 */
final class DeliveryLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
  private static final String STAGE = "sink";
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration WAIT_SLICE = Duration.ofMillis(200);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

  private final SinkConfig config;
  private final Deserializer<Alert> alerts;
  private final SubscriptionRegistry registry;
  private final ChannelRouter router;
  private final Producer<String, DeadLetter> deadLetters;
  private final SinkMetrics metrics;
  private final Consumer<Alert> onAlert;
  private final KafkaConsumer<byte[], byte[]> consumer;
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
    // A batch may legitimately wait the whole delivery timeout; the group must not evict us meanwhile.
    long interval = Math.max(300_000L, config.deliveryTimeout().plusMinutes(1).toMillis());
    p.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(interval));
    return p;
  }

  /** Exposes the alerts consumer's own metrics (lag, fetch rate) next to the sink's. */
  void bindClientMetrics(io.micrometer.core.instrument.MeterRegistry meters) {
    new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(consumer).bindTo(meters);
  }

  /** True while the loop runs and has not failed. */
  boolean healthy() {
    return running && failure == null;
  }

  /** Why the loop stopped on its own, or null. */
  Throwable failure() {
    return failure;
  }

  /** Asks the loop to stop; a batch in flight is abandoned uncommitted and replayed by the next run. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(config.alertsTopic()));
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          handle(records);
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
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
    List<Decoded> decoded;
    try {
      decoded = decode(records);
    } catch (RegistryException.Unavailable e) {
      LOG.warn("Schema registry unavailable while decoding alerts; retrying the batch: {}", e.getMessage());
      rewindAndWait(records);
      return;
    }
    List<ProducerRecord<String, DeadLetter>> letters = new ArrayList<>();
    decoded.stream().filter(d -> d.letter() != null).forEach(d -> letters.add(d.letter()));
    if (!deliver(decoded, letters)) {
      return;
    }
    try {
      publish(letters);
    } catch (KafkaException | ExecutionException | TimeoutException e) {
      if (e instanceof WakeupException w) {
        throw w;
      }
      // Deliveries are idempotent, so the whole batch can be tried again until its failures are recorded.
      LOG.error("Cannot write {} dead letters to {}; retrying the batch", letters.size(), config.dlqTopic(), e);
      rewindAndWait(records);
      return;
    }
    commit(records);
  }

  private List<Decoded> decode(ConsumerRecords<byte[], byte[]> records) {
    List<Decoded> out = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String reason;
      Throwable error = null;
      try {
        Alert alert = alerts.deserialize(r.topic(), r.value());
        if (alert != null) {
          out.add(new Decoded(r, alert, null));
          continue;
        }
        reason = "the record has no value (a tombstone); alerts are never deleted";
      } catch (RegistryException.Unavailable e) {
        throw e;
      } catch (RuntimeException e) {
        reason = "cannot decode the alert: " + DeadLetters.describe(e);
        error = e;
      }
      metrics.poison();
      LOG.warn("Poison record {}-{}@{} sent to {}: {}", r.topic(), r.partition(), r.offset(), config.dlqTopic(),
          reason);
      DeadLetter letter = DeadLetters.ofRecord(STAGE, reason, error, r.topic(), r.partition(), r.offset(), r.key(),
          r.value(), r.headers());
      out.add(new Decoded(r, null, new ProducerRecord<>(config.dlqTopic(), key(r), letter)));
    }
    return out;
  }

  /** Delivers every decoded alert and adds a dead letter per failure; false if the batch was abandoned. */
  private boolean deliver(List<Decoded> decoded, List<ProducerRecord<String, DeadLetter>> letters)
      throws InterruptedException {
    List<Pending> pending = new ArrayList<>();
    List<CompletableFuture<DeliveryResult>> all = new ArrayList<>();
    for (Decoded d : decoded) {
      if (d.alert() == null) {
        continue;
      }
      metrics.alert();
      List<Subscription> subscriptions = registry.matching(d.alert());
      List<CompletableFuture<DeliveryResult>> futures = subscriptions.stream()
          .map(s -> router.deliver(s, d.alert())).toList();
      all.addAll(futures);
      pending.add(new Pending(d.record(), d.alert(), subscriptions, futures));
    }
    if (!await(all)) {
      return false;
    }
    for (Pending p : pending) {
      for (int i = 0; i < p.subscriptions().size(); i++) {
        Subscription s = p.subscriptions().get(i);
        DeliveryResult result = p.futures().get(i).getNow(null);
        if (result == null) {
          result = DeliveryResult.failed(DeliveryKey.of(s, p.alert()), 0, "no result within "
              + SinkConfig.DELIVERY_TIMEOUT + " (" + config.deliveryTimeout() + ")");
        }
        metrics.delivery(s.getChannel(), result.outcome());
        if (!result.succeeded()) {
          LOG.warn("Delivery {} over {} failed: {}", result.deliveryKey(), s.getChannel(), result.detail());
          letters.add(failed(p, s, result));
        }
      }
      tell(p.alert());
    }
    return true;
  }

  private boolean await(List<CompletableFuture<DeliveryResult>> futures) throws InterruptedException {
    CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    long deadline = System.nanoTime() + config.deliveryTimeout().toNanos();
    while (true) {
      try {
        all.get(WAIT_SLICE.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        if (!running) {
          LOG.info("Stopping with deliveries in flight; their batch stays uncommitted and is replayed");
          return false;
        }
        if (System.nanoTime() - deadline > 0) {
          LOG.warn("Deliveries still running after {}; recording them as failed", config.deliveryTimeout());
          return true;
        }
      } catch (ExecutionException e) {
        // Channels report failures as results, so this is a bug; results are read one by one below.
        LOG.error("A delivery future failed exceptionally", e);
        return true;
      }
    }
  }

  private ProducerRecord<String, DeadLetter> failed(Pending p, Subscription s, DeliveryResult result) {
    ConsumerRecord<byte[], byte[]> r = p.record();
    DeadLetter base = DeadLetters.of(STAGE, "kafka:" + r.topic(), result.detail(), null,
        AlertJson.bytes(AlertJson.toJson(p.alert())));
    Map<String, String> attributes = new HashMap<>();
    attributes.put("subscriptionId", s.getId());
    attributes.put("alertId", p.alert().getAlertId());
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

  private void publish(List<ProducerRecord<String, DeadLetter>> letters)
      throws ExecutionException, TimeoutException, InterruptedException {
    if (letters.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (ProducerRecord<String, DeadLetter> letter : letters) {
      sent.add(deadLetters.send(letter));
    }
    deadLetters.flush();
    for (Future<RecordMetadata> f : sent) {
      f.get(30, TimeUnit.SECONDS);
    }
    metrics.deadLetters(letters.size());
  }

  private void commit(ConsumerRecords<byte[], byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
      offsets.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
    }
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException | InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      // The batch is fully handled; a later commit covers it, or a replay is skipped by the channels.
      LOG.warn("Committing {} failed: {}", offsets, e.getMessage());
    }
  }

  private void rewindAndWait(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
    for (TopicPartition tp : records.partitions()) {
      if (consumer.assignment().contains(tp)) {
        consumer.seek(tp, records.records(tp).get(0).offset());
      }
    }
    Thread.sleep(RETRY_BACKOFF);
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
  }

  /** One record of a batch: its alert, or the dead letter it became. */
  private record Decoded(ConsumerRecord<byte[], byte[]> record, Alert alert, ProducerRecord<String, DeadLetter> letter) {
  }

  /** One alert's deliveries, in subscription order. */
  private record Pending(ConsumerRecord<byte[], byte[]> record, Alert alert, List<Subscription> subscriptions,
      List<CompletableFuture<DeliveryResult>> futures) {
  }
}
