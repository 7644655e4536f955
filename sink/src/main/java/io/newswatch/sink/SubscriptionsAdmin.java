package io.newswatch.sink;

import io.newswatch.runtime.TopicProvisioner;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.sink.subscription.InvalidSubscriptionException;
import io.newswatch.sink.subscription.SubscriptionSeedLoader;
import io.newswatch.sink.subscription.SubscriptionValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds, removes and lists subscriptions on the compacted subscriptions topic, the sink's source of
 * truth: a record keyed by id adds or replaces, a tombstone removes. Running sinks pick changes up live.
 */
public final class SubscriptionsAdmin implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsAdmin.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final Properties kafka;
  private final String topic;
  private final Serde<Subscription> serde;
  private final FileTargets fileTargets;
  private KafkaProducer<String, Subscription> producer;

  /**
   * Works on {@code topic}, which must exist (see {@link #open} to create it), with no check of FILE
   * targets beyond the subscription's own; a sink still refuses a target outside its file directory.
   */
  public SubscriptionsAdmin(Properties kafka, RegistryClient registry, String topic) {
    this(kafka, registry, topic, null);
  }

  /** Works on {@code topic}, refusing FILE targets that {@code fileTargets} does not allow. */
  public SubscriptionsAdmin(Properties kafka, RegistryClient registry, String topic, FileTargets fileTargets) {
    this.fileTargets = fileTargets;
    this.kafka = new Properties();
    this.kafka.putAll(kafka);
    Topic<Subscription> t = Topics.SUBSCRIPTIONS.renamed(topic);
    this.topic = t.name();
    this.serde = t.valueSerde(registry);
  }

  /** An admin for the config's subscriptions topic, creating it (compacted) if it is missing. */
  public static SubscriptionsAdmin open(SinkConfig config) {
    Properties kafka = config.kafkaProperties();
    TopicProvisioner.ensure(kafka, List.of(Topics.SUBSCRIPTIONS.renamed(config.subscriptionsTopic())));
    return new SubscriptionsAdmin(kafka, new RegistryClient(config.registry()), config.subscriptionsTopic(),
        config.fileTargets());
  }

  /**
   * Adds the subscription, or replaces the one with its id; acknowledged by all in-sync replicas on return.
   *
   * @throws io.newswatch.sink.subscription.InvalidSubscriptionException naming every bad field
   */
  public void add(Subscription subscription) {
    SubscriptionValidator.validate(subscription);
    checkFileTarget(subscription, "");
    send(subscription.getId(), subscription);
    LOG.info("Subscription {} written to {}", subscription.getId(), topic);
  }

  /**
   * What a desk does when it subscribes: adds the subscription, or replaces the one with its id, with
   * its creation time set, so that it receives the alerts raised from now on (or from its
   * {@code backfillFrom}) and a later replay does not bring it older ones. Replacing keeps the
   * original creation time, so editing a subscription does not make it miss what came meanwhile.
   * A creation time already on {@code subscription} is kept as it is.
   *
   * @return what was written
   */
  public Subscription subscribe(Subscription subscription, Clock clock) {
    Subscription stamped = stamped(subscription, existing(), clock);
    add(stamped);
    return stamped;
  }

  private Map<String, Subscription> existing() {
    Map<String, Subscription> byId = new TreeMap<>();
    list().forEach(s -> byId.put(s.getId(), s));
    return byId;
  }

  private static Subscription stamped(Subscription s, Map<String, Subscription> existing, Clock clock) {
    if (s.getCreatedAt() != null) {
      return s;
    }
    Subscription before = existing.get(s.getId());
    Instant created = before != null && before.getCreatedAt() != null ? before.getCreatedAt()
        : clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return Subscription.newBuilder(s).setCreatedAt(created).build();
  }

  /** Removes the subscription with this id; false (and nothing written) if there is none. */
  public boolean remove(String id) {
    boolean exists = list().stream().anyMatch(s -> s.getId().equals(id));
    if (exists) {
      send(id, null);
      LOG.info("Subscription {} removed from {}", id, topic);
    }
    return exists;
  }

  /**
   * Writes every subscription of a YAML seed file (see {@link SubscriptionSeedLoader}); nothing is
   * written unless the whole file is valid. Returns what was written.
   */
  public List<Subscription> seed(Path yaml) throws IOException {
    return seed(yaml, Clock.systemUTC());
  }

  /**
   * {@link #seed(Path)} with a clock: a seeded subscription is created when it is first seeded, and
   * keeps that time when the same file is seeded again at the next start (see {@link #subscribe}).
   */
  public List<Subscription> seed(Path yaml, Clock clock) throws IOException {
    List<Subscription> loaded = SubscriptionSeedLoader.load(yaml);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < loaded.size(); i++) {
      try {
        checkFileTarget(loaded.get(i), yaml + ": subscriptions[" + i + "].");
      } catch (InvalidSubscriptionException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSubscriptionException(problems);
    }
    Map<String, Subscription> existing = existing();
    List<Subscription> subscriptions = loaded.stream().map(s -> stamped(s, existing, clock)).toList();
    subscriptions.forEach(s -> send(s.getId(), s));
    LOG.info("Seeded {} subscriptions from {} into {}", subscriptions.size(), yaml, topic);
    return subscriptions;
  }

  /**
   * Refuses a FILE target outside the allowed directories.
   *
   * @throws InvalidSubscriptionException naming the target and the setting that would allow it
   */
  private void checkFileTarget(Subscription s, String prefix) {
    if (fileTargets != null && s.getChannel() == Channel.FILE) {
      fileTargets.problem(s.getTarget()).ifPresent(problem ->
          { throw new InvalidSubscriptionException(List.of(prefix + "target: " + problem)); });
    }
  }

  /** The current subscriptions, sorted by id: the topic read from the beginning to its current end. */
  public List<Subscription> list() {
    Map<String, Subscription> current = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = SinkClients.groupless(kafka, "newswatch-subscriptions-admin")) {
      List<TopicPartition> partitions = SinkClients.partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          fold(r, current);
        }
      }
    }
    return new ArrayList<>(current.values());
  }

  private void fold(ConsumerRecord<byte[], byte[]> r, Map<String, Subscription> current) {
    if (r.key() == null) {
      return;
    }
    String id = new String(r.key(), StandardCharsets.UTF_8);
    if (r.value() == null) {
      current.remove(id);
      return;
    }
    try {
      current.put(id, serde.deserializer().deserialize(r.topic(), r.value()));
    } catch (RuntimeException e) {
      LOG.warn("Skipping undecodable subscription {} at {}-{}@{}: {}", id, r.topic(), r.partition(), r.offset(),
          e.getMessage());
    }
  }

  private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void send(String id, Subscription valueOrNull) {
    try {
      producer().send(new ProducerRecord<>(topic, id, valueOrNull)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing subscription " + id, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write subscription " + id + " to " + topic + ": "
          + (e.getCause() == null ? e : e.getCause().getMessage()), e);
    }
  }

  private synchronized KafkaProducer<String, Subscription> producer() {
    if (producer == null) {
      producer = SinkClients.producer(kafka, "newswatch-subscriptions-admin", serde.serializer());
    }
    return producer;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
