package io.newswatch.sink;

import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.registry.RegistryException;
import io.newswatch.sink.subscription.InvalidSubscriptionException;
import io.newswatch.sink.subscription.SubscriptionRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link SubscriptionRegistry} in step with the compacted subscriptions topic, on its own
 * thread: it reads every partition from the beginning without a consumer group (each sink instance
 * needs all subscriptions), applies upserts and tombstones as they come, and reports when it has read
 * up to the end offsets seen at start.
 */
final class SubscriptionFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionFeed.class);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration REGISTRY_BACKOFF = Duration.ofSeconds(1);

  private final Properties kafka;
  private final String topic;
  private final Deserializer<Subscription> values;
  private final SubscriptionRegistry registry;
  private final SinkMetrics metrics;
  private final Consumer<String> onRemoved;
  private final Consumer<DeadLetter> onPoison;
  private final FileTargets fileTargets;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private volatile boolean running;
  private volatile Throwable failure;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Map<TopicPartition, Long> endAtStart;
  private Thread thread;

  SubscriptionFeed(Properties kafka, String topic, Deserializer<Subscription> values, SubscriptionRegistry registry,
      SinkMetrics metrics, Consumer<String> onRemoved, Consumer<DeadLetter> onPoison, FileTargets fileTargets) {
    this.fileTargets = fileTargets;
    this.kafka = kafka;
    this.topic = topic;
    this.values = values;
    this.registry = registry;
    this.metrics = metrics;
    this.onRemoved = onRemoved;
    this.onPoison = onPoison;
  }

  /** Assigns every partition at the beginning and starts the reading thread. */
  void start() {
    consumer = SinkClients.groupless(kafka, "newswatch-sink-subscriptions");
    List<TopicPartition> partitions = SinkClients.partitions(consumer, topic);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    endAtStart = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    running = true;
    thread = new Thread(this::run, "sink-subscriptions");
    thread.setDaemon(true);
    thread.start();
  }

  /** Waits until everything that was on the topic at start has been applied; false on timeout or failure. */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && failure == null;
  }

  /** True once the registry holds everything that was on the topic at start, while the thread is healthy. */
  boolean caughtUp() {
    return caughtUp.getCount() == 0 && failure == null && running;
  }

  private void run() {
    try {
      checkCaughtUp();
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        boolean registryDown = false;
        for (TopicPartition tp : records.partitions()) {
          for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
            if (!apply(r)) {
              consumer.seek(tp, r.offset());
              registryDown = true;
              break;
            }
          }
        }
        if (registryDown) {
          Thread.sleep(REGISTRY_BACKOFF);
        }
        checkCaughtUp();
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
        LOG.error("The subscriptions reader was woken up unexpectedly", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("The subscriptions reader of {} stopped; subscription changes are no longer applied", topic, e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Applies one record; false when the registry is down and the record must be read again. */
  private boolean apply(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() == null) {
      metrics.subscriptionRejected();
      LOG.warn("Ignoring {}-{}@{}: subscription records must be keyed by subscription id", r.topic(),
          r.partition(), r.offset());
      return true;
    }
    String id = new String(r.key(), StandardCharsets.UTF_8);
    try {
      Subscription value = values.deserialize(r.topic(), r.value());
      if (value != null && value.getChannel() == Channel.FILE) {
        // A record written by another tool (or before the confinement) must not make this sink
        // write outside its directories; it is dead-lettered with the reason like any bad record.
        fileTargets.problem(value.getTarget()).ifPresent(problem -> {
          throw new InvalidSubscriptionException(List.of("target: " + problem));
        });
      }
      boolean existed = registry.get(id).isPresent();
      registry.apply(id, value);
      if (value == null) {
        if (existed) {
          onRemoved.accept(id);
        }
        LOG.info("Subscription {} removed", id);
      } else {
        LOG.info("Subscription {} ({} -> {}) applied", id, value.getChannel(), safeTarget(value));
      }
    } catch (RegistryException.Unavailable e) {
      LOG.warn("Schema registry unavailable while reading subscription {}; retrying: {}", id, e.getMessage());
      return false;
    } catch (RuntimeException e) {
      // One bad subscription must not stop the others; the registry keeps the previous version.
      metrics.subscriptionRejected();
      LOG.warn("Ignoring subscription record {} at {}-{}@{}: {}", id, r.topic(), r.partition(), r.offset(),
          e.getMessage());
      // Every instance reads the whole compacted topic, so each start dead-letters a bad record again;
      // the dead letter's origin (topic, partition, offset) identifies it.
      onPoison.accept(io.newswatch.runtime.DeadLetters.ofRecord("sink",
          "cannot apply subscription record: " + io.newswatch.runtime.DeadLetters.describe(e), e, r.topic(),
          r.partition(), r.offset(), r.key(), r.value(), r.headers()));
    }
    return true;
  }

  private void checkCaughtUp() {
    if (caughtUp.getCount() == 0) {
      return;
    }
    for (Map.Entry<TopicPartition, Long> e : endAtStart.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return;
      }
    }
    LOG.info("Read {} subscriptions from {}", registry.size(), topic);
    caughtUp.countDown();
  }

  /** Stops the thread and closes the consumer. */
  @Override
  public void close() {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A target for the log: webhook URLs may carry secrets, JDBC URLs passwords. */
  static String safeTarget(Subscription s) {
    String t = s.getTarget();
    if (t == null || t.isBlank()) {
      return "-";
    }
    return switch (s.getChannel()) {
      case WEBHOOK -> io.newswatch.sink.webhook.WebhookSender.redacted(t);
      case POSTGRES -> t.replaceAll("(?i)(password=)[^&;]*", "$1******");
      default -> t;
    };
  }
}
