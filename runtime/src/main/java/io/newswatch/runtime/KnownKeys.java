package io.newswatch.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The setting keys a command understands, so that a misspelled key fails at start with a suggestion
 * instead of being ignored while its default silently applies.
 *
 * <p>{@code kafka.*} keys pass through to the Kafka clients. A key the Kafka clients do not know fails
 * only when it is a near miss of one they do (a typo such as {@code kafka.bootstrap.server}); any other
 * is accepted, because plugins (SASL callback handlers, interceptors) read keys of their own.
 */
public final class KnownKeys {
  /** Environment variables outside these namespaces belong to someone else (the launcher, webhook secrets). */
  private static final Set<String> NAMESPACES = Set.of("kafka", "registry", "management", "data", "enrich", "ingest",
      "sink");
  /** Client and Streams prefixes that scope a Kafka key to one client (StreamsConfig.consumerPrefix and friends). */
  private static final List<String> KAFKA_SCOPES = List.of("main.consumer.", "restore.consumer.", "global.consumer.",
      "consumer.", "producer.", "admin.", "topic.");
  private static final int MAX_DISTANCE = 3;
  private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(MAX_DISTANCE);
  private static final Set<String> KAFKA = kafkaKeys();

  private final Set<String> keys;

  private KnownKeys(Set<String> keys) {
    this.keys = Set.copyOf(keys);
  }

  /** The newswatch keys (without {@code kafka.*}, which is checked against the Kafka clients' own keys). */
  public static KnownKeys of(Collection<String> keys) {
    return new KnownKeys(new TreeSet<>(keys));
  }

  /** Whether {@code key} is a newswatch key or a Kafka client key. */
  public boolean isKnown(String key) {
    if (key.startsWith("kafka.")) {
      return isKafkaKey(key.substring("kafka.".length()));
    }
    return keys.contains(key);
  }

  /**
   * Fails on keys nobody reads, naming each one, where it was set and the closest known key. Keys that
   * came from the environment are checked only within newswatch's own namespaces, since the environment
   * also holds the launcher's variables and the webhook secrets that subscriptions name.
   *
   * @throws ConfigException naming the first unknown key; the message lists them all
   */
  public void check(Settings settings) {
    List<String> unknown = new ArrayList<>();
    for (String key : settings.asMap().keySet()) {
      String origin = settings.origin(key);
      if (origin.equals(Settings.FROM_DEFAULTS) || isKnown(key)) {
        continue;
      }
      boolean fromEnv = origin.startsWith("environment");
      if (fromEnv && !NAMESPACES.contains(key.split("\\.", 2)[0])) {
        continue;
      }
      if (key.startsWith("kafka.") && suggest(key).isEmpty()) {
        continue;
      }
      unknown.add(key);
    }
    if (unknown.isEmpty()) {
      return;
    }
    String first = unknown.get(0);
    StringBuilder problem = new StringBuilder(describe(settings, first));
    for (String other : unknown.subList(1, unknown.size())) {
      problem.append("; also '").append(other).append("' ").append(describe(settings, other));
    }
    throw new ConfigException(first, problem.append(" (the keys are in the Configuration table of README.md)").toString());
  }

  private String describe(Settings settings, String key) {
    return "(from " + settings.origin(key) + ") is unknown"
        + suggest(key).map(s -> ": did you mean '" + s + "'?").orElse(", not a setting newswatch reads");
  }

  /** The known key closest to {@code key}, if one is within a few edits (or {@code key} is a prefix of one). */
  public Optional<String> suggest(String key) {
    Stream<String> candidates = key.startsWith("kafka.")
        ? KAFKA.stream().map(k -> "kafka." + k)
        : keys.stream();
    String lower = key.toLowerCase(Locale.ROOT);
    return candidates
        .map(c -> new Scored(c, distance(lower, c)))
        .filter(s -> s.distance() >= 0)
        .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::key))
        .map(Scored::key);
  }

  private static int distance(String key, String candidate) {
    int d = DISTANCE.apply(key, candidate);
    if (d >= 0) {
      return d;
    }
    // A key cut short (sink.live for sink.live.port) is a near miss too, but a weaker one.
    return candidate.startsWith(key + ".") || candidate.startsWith(key + "-") ? MAX_DISTANCE + 1 : -1;
  }

  private static boolean isKafkaKey(String key) {
    if (KAFKA.contains(key)) {
      return true;
    }
    for (String scope : KAFKA_SCOPES) {
      if (key.startsWith(scope) && KAFKA.contains(key.substring(scope.length()))) {
        return true;
      }
    }
    // Topic-level configs of the internal topics Streams creates, and listener-scoped security keys.
    return key.startsWith("topic.") || key.startsWith("listener.name.");
  }

  private static Set<String> kafkaKeys() {
    Set<String> all = new TreeSet<>();
    all.addAll(ConsumerConfig.configNames());
    all.addAll(ProducerConfig.configNames());
    all.addAll(AdminClientConfig.configNames());
    all.addAll(StreamsConfig.configDef().names());
    return all;
  }

  private record Scored(String key, int distance) {}
}
