package io.newswatch.enrich;

import io.newswatch.runtime.ConfigException;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the enrich topology and service need, checked when built.
 *
 * @param applicationId Kafka Streams application id; a replay with another taxonomy uses another id
 * @param repartitionPartitions partitions of the dedup repartition topics; must equal the raw topic's
 *     so that replies meet their pending article (the service fills it in from the broker)
 */
public record EnrichConfig(
    String applicationId,
    String rawTopic,
    String taggedTopic,
    String alertsTopic,
    String dlqTopic,
    Path stateDir,
    Duration dedupHorizon,
    int repartitionPartitions,
    Path taxonomyFile,
    Duration surgeBucket,
    Duration surgeWindow,
    Duration surgeBaseline,
    double surgeFactor,
    int surgeMinCount,
    int streamThreads,
    Duration commitInterval) {

  public static final String APPLICATION_ID = "enrich.application-id";
  public static final String STATE_DIR = "enrich.state.dir";
  public static final String DEDUP_HORIZON = "enrich.dedup.horizon";
  public static final String TAXONOMY = "enrich.taxonomy";
  public static final String THREADS = "enrich.threads";
  public static final String COMMIT_INTERVAL = "enrich.commit-interval";
  public static final String SURGE_BUCKET = "enrich.surge.bucket";
  public static final String SURGE_WINDOW = "enrich.surge.window";
  public static final String SURGE_BASELINE = "enrich.surge.baseline";
  public static final String SURGE_FACTOR = "enrich.surge.factor";
  public static final String SURGE_MIN_COUNT = "enrich.surge.min-count";
  public static final String TOPIC_RAW = "enrich.topic.raw";
  public static final String TOPIC_TAGGED = "enrich.topic.tagged";
  public static final String TOPIC_ALERTS = "enrich.topic.alerts";
  public static final String TOPIC_DLQ = "enrich.topic.dlq";

  public EnrichConfig {
    requireText(APPLICATION_ID, applicationId);
    requireText(TOPIC_RAW, rawTopic);
    requireText(TOPIC_TAGGED, taggedTopic);
    requireText(TOPIC_ALERTS, alertsTopic);
    requireText(TOPIC_DLQ, dlqTopic);
    Objects.requireNonNull(stateDir, STATE_DIR);
    positive(DEDUP_HORIZON, dedupHorizon);
    positive(SURGE_BUCKET, surgeBucket);
    positive(SURGE_WINDOW, surgeWindow);
    positive(SURGE_BASELINE, surgeBaseline);
    if (surgeWindow.compareTo(surgeBucket) < 0) {
      throw new ConfigException(SURGE_WINDOW, "must be at least " + SURGE_BUCKET + " (" + surgeBucket + ")");
    }
    if (surgeFactor <= 1.0) {
      throw new ConfigException(SURGE_FACTOR, "must be > 1 (a surge is a multiple of the baseline), got " + surgeFactor);
    }
    if (surgeMinCount < 1) {
      throw new ConfigException(SURGE_MIN_COUNT, "must be >= 1, got " + surgeMinCount);
    }
    if (repartitionPartitions < 1) {
      throw new ConfigException("enrich.partitions", "must be >= 1, got " + repartitionPartitions);
    }
    if (streamThreads < 1 || streamThreads > 64) {
      throw new ConfigException(THREADS, "must be 1..64, got " + streamThreads);
    }
    positive(COMMIT_INTERVAL, commitInterval);
  }

  private static void requireText(String key, String v) {
    if (v == null || v.isBlank()) {
      throw new ConfigException(key, "must not be empty");
    }
  }

  private static void positive(String key, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new ConfigException(key, "must be a positive duration, got " + d);
    }
  }

  /** Defaults for every enrich key, layered under the file, env and flags. */
  public static Map<String, String> defaults() {
    return Map.ofEntries(
        Map.entry(APPLICATION_ID, "newswatch-enrich"),
        Map.entry(STATE_DIR, "data/streams"),
        Map.entry(DEDUP_HORIZON, "7d"),
        Map.entry(THREADS, "1"),
        Map.entry(COMMIT_INTERVAL, "100ms"),
        Map.entry(SURGE_BUCKET, "5m"),
        Map.entry(SURGE_WINDOW, "1h"),
        Map.entry(SURGE_BASELINE, "24h"),
        Map.entry(SURGE_FACTOR, "3"),
        Map.entry(SURGE_MIN_COUNT, "10"),
        Map.entry(TOPIC_RAW, Topics.ARTICLES_RAW.name()),
        Map.entry(TOPIC_TAGGED, Topics.ARTICLES_TAGGED.name()),
        Map.entry(TOPIC_ALERTS, Topics.ALERTS.name()),
        Map.entry(TOPIC_DLQ, Topics.ENRICH_DLQ.name()),
        Map.entry(Settings.MANAGEMENT_PORT, "9102"));
  }

  /** Reads the enrich keys; the partition count comes from the broker (see {@link #withPartitions}). */
  public static EnrichConfig from(Settings s) {
    double factor;
    try {
      factor = Double.parseDouble(s.get(SURGE_FACTOR));
    } catch (NumberFormatException e) {
      throw new ConfigException(SURGE_FACTOR, "must be a number, got '" + s.get(SURGE_FACTOR) + "'");
    }
    return new EnrichConfig(
        s.get(APPLICATION_ID), s.get(TOPIC_RAW), s.get(TOPIC_TAGGED), s.get(TOPIC_ALERTS), s.get(TOPIC_DLQ),
        s.getPath(STATE_DIR), s.getDuration(DEDUP_HORIZON), 1,
        s.has(TAXONOMY) ? s.getPath(TAXONOMY) : null,
        s.getDuration(SURGE_BUCKET), s.getDuration(SURGE_WINDOW), s.getDuration(SURGE_BASELINE), factor,
        s.getInt(SURGE_MIN_COUNT, 1, 1_000_000), s.getInt(THREADS, 1, 64), s.getDuration(COMMIT_INTERVAL));
  }

  /** A default config for tests and tools: catalog topics, 7-day horizon. */
  public static EnrichConfig defaultsFor(Path stateDir, int partitions) {
    return from(Settings.of(defaults()).with(Map.of(STATE_DIR, stateDir.toString()))).withPartitions(partitions);
  }

  public EnrichConfig withPartitions(int n) {
    return new EnrichConfig(applicationId, rawTopic, taggedTopic, alertsTopic, dlqTopic, stateDir, dedupHorizon, n,
        taxonomyFile, surgeBucket, surgeWindow, surgeBaseline, surgeFactor, surgeMinCount, streamThreads, commitInterval);
  }

  public EnrichConfig withTopics(String raw, String tagged, String alerts, String dlq) {
    return new EnrichConfig(applicationId, raw, tagged, alerts, dlq, stateDir, dedupHorizon, repartitionPartitions,
        taxonomyFile, surgeBucket, surgeWindow, surgeBaseline, surgeFactor, surgeMinCount, streamThreads, commitInterval);
  }

  public EnrichConfig withApplicationId(String id) {
    return new EnrichConfig(id, rawTopic, taggedTopic, alertsTopic, dlqTopic, stateDir, dedupHorizon, repartitionPartitions,
        taxonomyFile, surgeBucket, surgeWindow, surgeBaseline, surgeFactor, surgeMinCount, streamThreads, commitInterval);
  }

  public EnrichConfig withSurge(Duration bucket, Duration window, Duration baseline, double factor, int minCount) {
    return new EnrichConfig(applicationId, rawTopic, taggedTopic, alertsTopic, dlqTopic, stateDir, dedupHorizon,
        repartitionPartitions, taxonomyFile, bucket, window, baseline, factor, minCount, streamThreads, commitInterval);
  }
}
