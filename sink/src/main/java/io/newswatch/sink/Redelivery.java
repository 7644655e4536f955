package io.newswatch.sink;

import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.sink.file.JsonlFileChannel;
import io.newswatch.sink.file.JsonlFileConfig;
import io.newswatch.sink.postgres.PostgresChannels;
import io.newswatch.sink.webhook.SecretResolver;
import io.newswatch.sink.webhook.WebhookChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays failed deliveries from the sink's dead-letter topic through the same idempotent channels:
 * each dead letter names its subscription and the alert's place on the alerts topic, so the alert is
 * read back from there (as the sink read it) and delivered under the same delivery key. A delivery that
 * arrived in the meantime is skipped by the channel.
 */
public final class Redelivery {

  private static final Logger LOG = LoggerFactory.getLogger(Redelivery.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Which dead letters to replay.
   *
   * @param subscriptions only these subscription ids; empty for all
   * @param from only letters written at or after this time, or null
   * @param to only letters written before this time, or null
   * @param reason only letters whose reason contains this text (any case), or null
   */
  public record Filter(Set<String> subscriptions, Instant from, Instant to, String reason) {
    public Filter {
      subscriptions = subscriptions == null ? Set.of() : Set.copyOf(subscriptions);
      if (from != null && to != null && !from.isBefore(to)) {
        throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
      }
    }

    boolean accepts(String subscriptionId, Instant at, String letterReason) {
      return (subscriptions.isEmpty() || subscriptions.contains(subscriptionId))
          && (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to))
          && (reason == null || (letterReason != null
              && letterReason.toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT))));
    }
  }

  /** What became of one replayed dead letter. */
  public record Outcome(String deliveryKey, String result) {
  }

  private final SinkConfig config;
  private final SecretResolver secrets;

  public Redelivery(SinkConfig config, SecretResolver secrets) {
    this.config = config;
    this.secrets = secrets;
  }

  /** Replays the matching dead letters (or only lists them when {@code dryRun}); one outcome per letter. */
  public List<Outcome> run(Filter filter, boolean dryRun) throws InterruptedException {
    RegistryClient registry = new RegistryClient(config.registry());
    Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    try (SubscriptionsAdmin admin = new SubscriptionsAdmin(config.kafkaProperties(), registry,
        config.subscriptionsTopic(), config.fileTargets())) {
      admin.list().forEach(s -> subscriptions.put(s.getId(), s));
    }
    List<Letter> letters = letters(registry, filter);
    List<Outcome> outcomes = new ArrayList<>();
    if (dryRun) {
      letters.forEach(l -> outcomes.add(new Outcome(l.key(), "would redeliver: " + l.reason())));
      return outcomes;
    }
    Deserializer<Alert> alerts = Topics.ALERTS.renamed(config.alertsTopic()).valueSerde(registry).deserializer();
    try (ChannelRouter router = new ChannelRouter(channels());
        KafkaConsumer<byte[], byte[]> reader = SinkClients.groupless(config.kafkaProperties(), "newswatch-redeliver")) {
      for (Letter l : letters) {
        Subscription s = subscriptions.get(l.subscriptionId());
        if (s == null) {
          outcomes.add(new Outcome(l.key(), "skipped: subscription " + l.subscriptionId() + " no longer exists"));
          continue;
        }
        Optional<Alert> alert = readAlert(reader, alerts, l);
        if (alert.isEmpty()) {
          outcomes.add(new Outcome(l.key(), "skipped: the alert is no longer at " + l.topic() + "-" + l.partition()
              + "@" + l.offset() + " (expired from the topic?)"));
          continue;
        }
        var future = router.deliver(s, alert.get());
        router.flush();
        DeliveryResult result;
        try {
          result = future.get(config.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          result = DeliveryResult.failed(l.key(), 0, "no answer: " + e);
        }
        outcomes.add(new Outcome(result.deliveryKey(), result.outcome().name().toLowerCase(Locale.ROOT)
            + (result.succeeded() ? "" : ": " + result.detail())));
      }
    }
    return outcomes;
  }

  private Map<Channel, AlertChannel> channels() {
    Map<Channel, AlertChannel> channels = new EnumMap<>(Channel.class);
    channels.put(Channel.FILE, new JsonlFileChannel(JsonlFileConfig.defaults(), config.fileTargets()));
    channels.put(Channel.POSTGRES, new PostgresChannels(config.postgresUrl()));
    // One attempt per letter: the operator runs the command again after fixing the endpoint.
    var hooks = config.webhook();
    channels.put(Channel.WEBHOOK, WebhookChannel.open(new io.newswatch.sink.webhook.WebhookConfig(
        hooks.connectTimeout(), hooks.requestTimeout(), 1, hooks.initialBackoff(), hooks.maxBackoff(),
        hooks.queueCapacity()), config.stateDir(), secrets));
    return channels;
  }

  private List<Letter> letters(RegistryClient registry, Filter filter) {
    Deserializer<DeadLetter> values = Topics.SINK_DLQ.renamed(config.dlqTopic()).valueSerde(registry).deserializer();
    List<Letter> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = SinkClients.groupless(config.kafkaProperties(),
        "newswatch-redeliver-dlq")) {
      List<TopicPartition> partitions = SinkClients.partitions(consumer, config.dlqTopic());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      SinkClients.readToEnd(consumer, partitions, READ_TIMEOUT, r ->
          letter(values, r).filter(l -> filter.accepts(l.subscriptionId(), l.at(), l.reason())).ifPresent(out::add));
    }
    return out;
  }

  /** A delivery failure; poison records and undecodable letters are not deliveries and are passed over. */
  private static Optional<Letter> letter(Deserializer<DeadLetter> values, ConsumerRecord<byte[], byte[]> r) {
    DeadLetter d;
    try {
      d = values.deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      LOG.warn("Skipping undecodable dead letter {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      return Optional.empty();
    }
    if (d == null || d.getAttributes() == null || !d.getAttributes().containsKey("subscriptionId")
        || d.getOriginTopic() == null || d.getOriginOffset() == null) {
      return Optional.empty();
    }
    return Optional.of(new Letter(d.getAttributes().get("subscriptionId"), d.getAttributes().get("deliveryKey"),
        d.getOriginTopic(), d.getOriginPartition() == null ? 0 : d.getOriginPartition(), d.getOriginOffset(),
        Instant.ofEpochMilli(r.timestamp()), d.getReason()));
  }

  private static Optional<Alert> readAlert(KafkaConsumer<byte[], byte[]> reader, Deserializer<Alert> alerts, Letter l) {
    TopicPartition tp = new TopicPartition(l.topic(), l.partition());
    reader.assign(List.of(tp));
    reader.seek(tp, l.offset());
    long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
        if (r.offset() == l.offset()) {
          return Optional.ofNullable(alerts.deserialize(r.topic(), r.value()));
        }
        if (r.offset() > l.offset()) {
          return Optional.empty();
        }
      }
      if (reader.position(tp) > l.offset()) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The parts of a dead letter a redelivery needs. */
  private record Letter(String subscriptionId, String key, String topic, int partition, long offset, Instant at,
      String reason) {
  }
}
