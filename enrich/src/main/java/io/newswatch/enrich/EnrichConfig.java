package io.newswatch.enrich;

import io.newswatch.runtime.ConfigException;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the enrich topology and service need, checked when built.
 *
 * @param applicationId Kafka Streams application id; a replay with another taxonomy uses another id
 * @param repartitionPartitions partitions of the dedup repartition topics; must equal the raw topic's
 *     so that replies meet their pending article (the service fills it in from the broker)
 * @param processUntil a replay's end: raw records with a later timestamp are skipped; null for none
 * @param subscriptionsTopic the compacted subscriptions topic, read for its free-text queries, which
 *     enrich evaluates against every tagged article (the sink only has the alert's summary)
 * @param tagAheadThreads threads that tag raw articles as soon as the stream thread fetches them,
 *     ahead of their turn (see {@code TagAhead}); 0 tags each article on the stream thread when its
 *     turn comes
 * @param tagAheadRecords how many raw records per partition the tag-ahead reader fetches ahead of the
 *     stream thread, so that the tag-ahead threads work while the stream thread dedups and commits;
 *     0 tags ahead only what the stream thread's own consumer has fetched
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
    Duration commitInterval,
    Instant processUntil,
    String subscriptionsTopic,
    Duration storyWindow,
    int tagAheadThreads,
    int tagAheadRecords) {

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
  public static final String TOPIC_SUBSCRIPTIONS = "enrich.topic.subscriptions";
  public static final String STORY_WINDOW = "enrich.story.window";
  public static final String TAG_AHEAD_THREADS = "enrich.tag-ahead.threads";
  public static final String TAG_AHEAD_RECORDS = "enrich.tag-ahead.records";

  public EnrichConfig {
    requireText(APPLICATION_ID, applicationId);
    // Streams names its internal topics and its state folder after it: topic-name characters only.
    if (!LEGAL_NAME.matcher(applicationId).matches()) {
      throw new ConfigException(APPLICATION_ID, "must be letters, digits, '.', '_' or '-' (it prefixes the internal"
          + " topics and names the state folder), got '" + applicationId + "'");
    }
    requireText(TOPIC_RAW, rawTopic);
    requireText(TOPIC_TAGGED, taggedTopic);
    requireText(TOPIC_ALERTS, alertsTopic);
    requireText(TOPIC_DLQ, dlqTopic);
    requireText(TOPIC_SUBSCRIPTIONS, subscriptionsTopic);
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
    positive(STORY_WINDOW, storyWindow);
    if (tagAheadThreads < 0 || tagAheadThreads > 16) {
      throw new ConfigException(TAG_AHEAD_THREADS, "must be 0..16 (0: tag on the stream thread), got " + tagAheadThreads);
    }
    if (tagAheadRecords < 0 || tagAheadRecords > 10_000) {
      throw new ConfigException(TAG_AHEAD_RECORDS,
          "must be 0..10000 (0: no reader, tag ahead only what the stream thread fetched), got " + tagAheadRecords);
    }
  }

  private static final java.util.regex.Pattern LEGAL_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,200}");

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
        // Every exactly-once hop waits for a commit: at 30 ms the live p99 ingest -> alert stays under
        // 250 ms; 100 ms gives about 20 % more backfill throughput (replay uses it).
        Map.entry(COMMIT_INTERVAL, "30ms"),
        Map.entry(SURGE_BUCKET, "5m"),
        Map.entry(SURGE_WINDOW, "1h"),
        Map.entry(SURGE_BASELINE, "24h"),
        Map.entry(SURGE_FACTOR, "3"),
        Map.entry(SURGE_MIN_COUNT, "10"),
        // Two days: wire copies, follow-ups and the other language's reports of one incident arrive
        // within it; a later development of the same event is a new story on purpose.
        Map.entry(STORY_WINDOW, "48h"),
        // Tagging is ~40 % of the stream thread's work and needs nothing but the article: one more
        // thread does it while the stream thread dedups, stores and commits the articles before.
        Map.entry(TAG_AHEAD_THREADS, "1"),
        // Reading ahead makes a long backfill's steady state ~30 % faster. The reader starts once the
        // JIT has settled (JitSettled): before that, the worker racing ahead took CPU from the stream
        // thread and the compiler, and a 20,000-article backfill ran a third slower (BENCHMARKS.md).
        Map.entry(TAG_AHEAD_RECORDS, "1000"),
        Map.entry(TOPIC_RAW, Topics.ARTICLES_RAW.name()),
        Map.entry(TOPIC_TAGGED, Topics.ARTICLES_TAGGED.name()),
        Map.entry(TOPIC_ALERTS, Topics.ALERTS.name()),
        Map.entry(TOPIC_DLQ, Topics.ENRICH_DLQ.name()),
        Map.entry(TOPIC_SUBSCRIPTIONS, Topics.SUBSCRIPTIONS.name()),
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
        s.getInt(SURGE_MIN_COUNT, 1, 1_000_000), s.getInt(THREADS, 1, 64), s.getDuration(COMMIT_INTERVAL), null,
        s.get(TOPIC_SUBSCRIPTIONS), s.getDuration(STORY_WINDOW), s.getInt(TAG_AHEAD_THREADS, 0, 16),
        s.getInt(TAG_AHEAD_RECORDS, 0, 10_000));
  }

  /** A default config for tests and tools: catalog topics, 7-day horizon. */
  public static EnrichConfig defaultsFor(Path stateDir, int partitions) {
    return from(Settings.of(defaults()).with(Map.of(STATE_DIR, stateDir.toString()))).withPartitions(partitions);
  }

  public EnrichConfig withPartitions(int n) {
    return toBuilder().repartitionPartitions(n).build();
  }

  public EnrichConfig withTopics(String raw, String tagged, String alerts, String dlq) {
    return toBuilder().rawTopic(raw).taggedTopic(tagged).alertsTopic(alerts).dlqTopic(dlq).build();
  }

  public EnrichConfig withApplicationId(String id) {
    return toBuilder().applicationId(id).build();
  }

  public EnrichConfig withSurge(Duration bucket, Duration window, Duration baseline, double factor, int minCount) {
    return toBuilder().surgeBucket(bucket).surgeWindow(window).surgeBaseline(baseline).surgeFactor(factor)
        .surgeMinCount(minCount).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copies a config with some values changed; {@link #build} checks the result like the constructor. */
  public static final class Builder {
    private String applicationId;
    private String rawTopic;
    private String taggedTopic;
    private String alertsTopic;
    private String dlqTopic;
    private Path stateDir;
    private Duration dedupHorizon;
    private int repartitionPartitions;
    private Path taxonomyFile;
    private Duration surgeBucket;
    private Duration surgeWindow;
    private Duration surgeBaseline;
    private double surgeFactor;
    private int surgeMinCount;
    private int streamThreads;
    private Duration commitInterval;
    private Instant processUntil;
    private String subscriptionsTopic;
    private Duration storyWindow;
    private int tagAheadThreads;
    private int tagAheadRecords;

    private Builder(EnrichConfig c) {
      applicationId = c.applicationId;
      rawTopic = c.rawTopic;
      taggedTopic = c.taggedTopic;
      alertsTopic = c.alertsTopic;
      dlqTopic = c.dlqTopic;
      stateDir = c.stateDir;
      dedupHorizon = c.dedupHorizon;
      repartitionPartitions = c.repartitionPartitions;
      taxonomyFile = c.taxonomyFile;
      surgeBucket = c.surgeBucket;
      surgeWindow = c.surgeWindow;
      surgeBaseline = c.surgeBaseline;
      surgeFactor = c.surgeFactor;
      surgeMinCount = c.surgeMinCount;
      streamThreads = c.streamThreads;
      commitInterval = c.commitInterval;
      processUntil = c.processUntil;
      subscriptionsTopic = c.subscriptionsTopic;
      storyWindow = c.storyWindow;
      tagAheadThreads = c.tagAheadThreads;
      tagAheadRecords = c.tagAheadRecords;
    }

    public Builder applicationId(String v) { applicationId = v; return this; }
    public Builder rawTopic(String v) { rawTopic = v; return this; }
    public Builder taggedTopic(String v) { taggedTopic = v; return this; }
    public Builder alertsTopic(String v) { alertsTopic = v; return this; }
    public Builder dlqTopic(String v) { dlqTopic = v; return this; }
    public Builder stateDir(Path v) { stateDir = v; return this; }
    public Builder dedupHorizon(Duration v) { dedupHorizon = v; return this; }
    public Builder repartitionPartitions(int v) { repartitionPartitions = v; return this; }
    public Builder taxonomyFile(Path v) { taxonomyFile = v; return this; }
    public Builder surgeBucket(Duration v) { surgeBucket = v; return this; }
    public Builder surgeWindow(Duration v) { surgeWindow = v; return this; }
    public Builder surgeBaseline(Duration v) { surgeBaseline = v; return this; }
    public Builder surgeFactor(double v) { surgeFactor = v; return this; }
    public Builder surgeMinCount(int v) { surgeMinCount = v; return this; }
    public Builder streamThreads(int v) { streamThreads = v; return this; }
    public Builder commitInterval(Duration v) { commitInterval = v; return this; }
    public Builder processUntil(Instant v) { processUntil = v; return this; }
    public Builder subscriptionsTopic(String v) { subscriptionsTopic = v; return this; }
    public Builder storyWindow(Duration v) { storyWindow = v; return this; }
    public Builder tagAheadThreads(int v) { tagAheadThreads = v; return this; }
    public Builder tagAheadRecords(int v) { tagAheadRecords = v; return this; }

    public EnrichConfig build() {
      return new EnrichConfig(applicationId, rawTopic, taggedTopic, alertsTopic, dlqTopic, stateDir, dedupHorizon,
          repartitionPartitions, taxonomyFile, surgeBucket, surgeWindow, surgeBaseline, surgeFactor, surgeMinCount,
          streamThreads, commitInterval, processUntil, subscriptionsTopic, storyWindow, tagAheadThreads,
          tagAheadRecords);
    }
  }
}
