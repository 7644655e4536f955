package io.newswatch.sink;

import io.newswatch.runtime.ConfigException;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.sink.webhook.WebhookConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything the sink service needs, read once from {@link Settings} and checked.
 *
 * @param kafka client properties ({@code kafka.*} keys without the prefix)
 * @param registry the schema registry connection
 * @param groupId consumer group of the alert consumer ({@value #GROUP_ID})
 * @param alertsTopic topic the alerts are read from ({@value #TOPIC_ALERTS})
 * @param subscriptionsTopic compacted topic of subscriptions ({@value #TOPIC_SUBSCRIPTIONS})
 * @param dlqTopic dead-letter topic of failed deliveries and poison records ({@value #TOPIC_DLQ})
 * @param fileDir where FILE subscriptions without a target write ({@value #FILE_DIR})
 * @param postgresUrl database of POSTGRES subscriptions with an empty target ({@value #POSTGRES_URL})
 * @param liveHost address the live page binds ({@value #LIVE_HOST})
 * @param livePort port of the live page; 0 picks a free one, -1 turns it off ({@value #LIVE_PORT})
 * @param liveBuffer how many recent alerts the live page keeps ({@value #LIVE_BUFFER})
 * @param subscriptionsSeed YAML file of subscriptions written to the topic at start, or null ({@value #SEED})
 * @param stateDir where the webhook delivery ledger lives ({@value #STATE_DIR})
 * @param webhook webhook timeouts, retries and queue ({@code sink.webhook.*})
 * @param deliveryTimeout longest wait for one delivery of {@code newswatch redeliver} ({@value #DELIVERY_TIMEOUT});
 *     the delivery loop itself never waits (webhooks retry for {@code sink.webhook.retry-for})
 * @param catchUpTimeout longest wait at start for the subscriptions topic to be read ({@value #CATCH_UP_TIMEOUT})
 * @param managementHost address of the health and metrics endpoints ({@value #MANAGEMENT_HOST})
 * @param managementPort their port; 0 picks a free one, -1 turns them off ({@value Settings#MANAGEMENT_PORT})
 * @param liveAllowedHosts more names the live page answers to in a {@code Host} header ({@value #LIVE_ALLOWED_HOSTS})
 * @param fileAllowedDirs more directories FILE subscriptions may write under, besides {@code fileDir}
 *     ({@value #FILE_ALLOWED_DIRS}); {@code *} lifts the confinement
 * @param liveRestore how far back the live page reads the alerts topic when the sink starts, so the desk
 *     sees its recent stories after a restart ({@value #LIVE_RESTORE}); zero turns the restore off
 */
public record SinkConfig(Map<String, String> kafka, RegistryConfig registry, String groupId, String alertsTopic,
    String subscriptionsTopic, String dlqTopic, Path fileDir, String postgresUrl, String liveHost, int livePort,
    int liveBuffer, Path subscriptionsSeed, Path stateDir, WebhookConfig webhook, Duration deliveryTimeout,
    Duration catchUpTimeout, String managementHost, int managementPort, List<String> liveAllowedHosts,
    List<String> fileAllowedDirs, Duration liveRestore) {

  public static final String GROUP_ID = "sink.group-id";
  public static final String TOPIC_ALERTS = "sink.topic.alerts";
  public static final String TOPIC_SUBSCRIPTIONS = "sink.topic.subscriptions";
  public static final String TOPIC_DLQ = "sink.topic.dlq";
  public static final String FILE_DIR = "sink.file.dir";
  public static final String POSTGRES_URL = "sink.postgres.url";
  public static final String LIVE_HOST = "sink.live.host";
  public static final String LIVE_PORT = "sink.live.port";
  public static final String LIVE_BUFFER = "sink.live.buffer";
  public static final String LIVE_ALLOWED_HOSTS = "sink.live.allowed-hosts";
  public static final String LIVE_RESTORE = "sink.live.restore";
  public static final String FILE_ALLOWED_DIRS = "sink.file.allowed-dirs";
  public static final String SEED = "sink.subscriptions.seed";
  public static final String CATCH_UP_TIMEOUT = "sink.subscriptions.catch-up-timeout";
  public static final String STATE_DIR = "sink.state.dir";
  public static final String DELIVERY_TIMEOUT = "sink.delivery.timeout";
  public static final String WEBHOOK_CONNECT_TIMEOUT = "sink.webhook.connect-timeout";
  public static final String WEBHOOK_REQUEST_TIMEOUT = "sink.webhook.request-timeout";
  public static final String WEBHOOK_MAX_ATTEMPTS = "sink.webhook.max-attempts";
  public static final String WEBHOOK_INITIAL_BACKOFF = "sink.webhook.initial-backoff";
  public static final String WEBHOOK_MAX_BACKOFF = "sink.webhook.max-backoff";
  public static final String WEBHOOK_RETRY_FOR = "sink.webhook.retry-for";
  public static final String WEBHOOK_QUEUE_CAPACITY = "sink.webhook.queue-capacity";
  public static final String MANAGEMENT_HOST = "management.host";

  /** Used by POSTGRES subscriptions with an empty target when {@value #POSTGRES_URL} is not set. */
  public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  public SinkConfig {
    kafka = Map.copyOf(Objects.requireNonNull(kafka, "kafka"));
    if (!kafka.containsKey("bootstrap.servers")) {
      throw new ConfigException(Settings.BOOTSTRAP, "is required, e.g. 127.0.0.1:9092");
    }
    Objects.requireNonNull(registry, "registry");
    require(groupId != null && !groupId.isBlank(), GROUP_ID, "must name the consumer group, e.g. newswatch-sink");
    topic(alertsTopic, TOPIC_ALERTS);
    topic(subscriptionsTopic, TOPIC_SUBSCRIPTIONS);
    topic(dlqTopic, TOPIC_DLQ);
    require(fileDir != null, FILE_DIR, "must name a directory, e.g. data");
    require(postgresUrl != null && postgresUrl.startsWith("jdbc:postgresql:"), POSTGRES_URL,
        "must be a PostgreSQL JDBC URL such as " + DEFAULT_POSTGRES_URL + ", got '" + postgresUrl + "'");
    require(liveHost != null && !liveHost.isBlank(), LIVE_HOST, "must be an address such as 127.0.0.1 or 0.0.0.0");
    require(livePort >= -1 && livePort <= 65535, LIVE_PORT, "must be 0-65535 (0 picks a free port) or -1 (off), got "
        + livePort);
    require(liveBuffer >= 1, LIVE_BUFFER, "must be at least 1, got " + liveBuffer);
    require(stateDir != null, STATE_DIR, "must name a directory, e.g. data/sink");
    Objects.requireNonNull(webhook, "webhook");
    require(deliveryTimeout != null && deliveryTimeout.isPositive(), DELIVERY_TIMEOUT,
        "must be a positive duration such as 5m");
    require(catchUpTimeout != null && catchUpTimeout.isPositive(), CATCH_UP_TIMEOUT,
        "must be a positive duration such as 60s");
    require(managementHost != null && !managementHost.isBlank(), MANAGEMENT_HOST,
        "must be an address such as 127.0.0.1 or 0.0.0.0");
    require(managementPort >= -1 && managementPort <= 65535, Settings.MANAGEMENT_PORT,
        "must be 0-65535 (0 picks a free port) or -1 (off), got " + managementPort);
    liveAllowedHosts = liveAllowedHosts == null ? List.of() : List.copyOf(liveAllowedHosts);
    fileAllowedDirs = fileAllowedDirs == null ? List.of() : List.copyOf(fileAllowedDirs);
    require(liveRestore != null && !liveRestore.isNegative(), LIVE_RESTORE,
        "must be a duration such as 48h, or 0s to turn the restore off");
  }

  /** Where FILE subscriptions may write: {@link #fileDir} and {@link #fileAllowedDirs}. */
  public FileTargets fileTargets() {
    return FileTargets.of(fileDir, fileAllowedDirs);
  }

  /** The sink's defaults, to pass to {@link Settings#load} under the file, environment and flags. */
  public static Map<String, String> defaults() {
    Map<String, String> d = new TreeMap<>();
    d.put(GROUP_ID, "newswatch-sink");
    d.put(TOPIC_ALERTS, Topics.ALERTS.name());
    d.put(TOPIC_SUBSCRIPTIONS, Topics.SUBSCRIPTIONS.name());
    d.put(TOPIC_DLQ, Topics.SINK_DLQ.name());
    d.put(FILE_DIR, "data");
    d.put(POSTGRES_URL, DEFAULT_POSTGRES_URL);
    d.put(LIVE_HOST, "127.0.0.1");
    d.put(LIVE_PORT, "8080");
    d.put(LIVE_BUFFER, "200");
    d.put(LIVE_RESTORE, "48h");
    d.put(STATE_DIR, "data/sink");
    d.put(DELIVERY_TIMEOUT, "5m");
    d.put(CATCH_UP_TIMEOUT, "60s");
    d.put(WEBHOOK_CONNECT_TIMEOUT, "5s");
    d.put(WEBHOOK_REQUEST_TIMEOUT, "10s");
    d.put(WEBHOOK_MAX_ATTEMPTS, "0");
    d.put(WEBHOOK_RETRY_FOR, "24h");
    d.put(WEBHOOK_INITIAL_BACKOFF, "500ms");
    d.put(WEBHOOK_MAX_BACKOFF, "30s");
    d.put(WEBHOOK_QUEUE_CAPACITY, "10000");
    d.put(MANAGEMENT_HOST, "127.0.0.1");
    return Map.copyOf(d);
  }

  /**
   * Reads the sink's keys; a key missing from {@code settings} takes its value from {@link #defaults()}.
   *
   * @throws ConfigException naming the first bad key
   */
  public static SinkConfig from(Settings settings) {
    Map<String, String> defaults = defaults();
    Map<String, String> merged = new TreeMap<>(defaults);
    settings.asMap().forEach((k, v) -> {
      if (v != null && !v.isBlank()) {
        merged.put(k, v);
      } else if (defaults.containsKey(k) && !defaults.get(k).isBlank() && !settings.origin(k).equals(Settings.FROM_DEFAULTS)) {
        // Given empty on purpose ("sink.group-id=") is a mistake, not a request for the default: an
        // empty group id once joined the running sink's group without a word.
        throw new ConfigException(k, "is empty (from " + settings.origin(k) + "); leave it out for the default '"
            + defaults.get(k) + "'");
      }
    });
    Settings s = Settings.of(merged);
    Map<String, String> kafka = new TreeMap<>();
    s.kafkaProperties().forEach((k, v) -> kafka.put(k.toString(), v.toString()));
    return new SinkConfig(kafka, s.registryConfig(), s.get(GROUP_ID), s.get(TOPIC_ALERTS),
        s.get(TOPIC_SUBSCRIPTIONS), s.get(TOPIC_DLQ), s.getPath(FILE_DIR), s.get(POSTGRES_URL),
        s.get(LIVE_HOST), s.getInt(LIVE_PORT, -1, 65535), s.getInt(LIVE_BUFFER, 1, 1_000_000),
        s.has(SEED) ? s.getPath(SEED) : null, s.getPath(STATE_DIR), webhook(s), s.getDuration(DELIVERY_TIMEOUT),
        s.getDuration(CATCH_UP_TIMEOUT), s.get(MANAGEMENT_HOST), s.getInt(Settings.MANAGEMENT_PORT, -1, 65535),
        list(s, LIVE_ALLOWED_HOSTS), list(s, FILE_ALLOWED_DIRS), s.getDuration(LIVE_RESTORE));
  }

  private static List<String> list(Settings s, String key) {
    return s.has(key) ? Arrays.stream(s.get(key).split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList()
        : List.of();
  }

  private static WebhookConfig webhook(Settings s) {
    Duration connect = s.getDuration(WEBHOOK_CONNECT_TIMEOUT);
    Duration request = s.getDuration(WEBHOOK_REQUEST_TIMEOUT);
    int attempts = s.getInt(WEBHOOK_MAX_ATTEMPTS, 0, 1_000_000);
    Duration retryFor = s.getDuration(WEBHOOK_RETRY_FOR);
    Duration initial = s.getDuration(WEBHOOK_INITIAL_BACKOFF);
    Duration max = s.getDuration(WEBHOOK_MAX_BACKOFF);
    int queue = s.getInt(WEBHOOK_QUEUE_CAPACITY, 1, 1_000_000);
    // Each duration is named by its own key (WebhookConfig's check knows only its field names).
    Map<String, Duration> durations = new java.util.LinkedHashMap<>();
    durations.put(WEBHOOK_CONNECT_TIMEOUT, connect);
    durations.put(WEBHOOK_REQUEST_TIMEOUT, request);
    durations.put(WEBHOOK_RETRY_FOR, retryFor);
    durations.put(WEBHOOK_INITIAL_BACKOFF, initial);
    durations.put(WEBHOOK_MAX_BACKOFF, max);
    durations.forEach((key, d) -> require(d.isPositive(), key, "must be positive, got " + d));
    require(max.compareTo(initial) >= 0, WEBHOOK_MAX_BACKOFF, "must not be below " + WEBHOOK_INITIAL_BACKOFF + " ("
        + max + " < " + initial + ")");
    try {
      return new WebhookConfig(connect, request, attempts, initial, max, queue, retryFor);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("sink.webhook.*", "is inconsistent: " + e.getMessage());
    }
  }

  /** Fresh client properties for a Kafka client of the sink. */
  public Properties kafkaProperties() {
    Properties p = new Properties();
    p.putAll(kafka);
    return p;
  }

  /** The YAML seed file, if one is configured. */
  public Optional<Path> seed() {
    return Optional.ofNullable(subscriptionsSeed);
  }

  /** Whether the live page is served. */
  public boolean liveEnabled() {
    return livePort >= 0;
  }

  private static void topic(String name, String key) {
    require(name != null && TOPIC.matcher(name).matches(), key,
        "must be a topic name of letters, digits, '.', '_' or '-', got '" + name + "'");
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new ConfigException(key, problem);
    }
  }
}
