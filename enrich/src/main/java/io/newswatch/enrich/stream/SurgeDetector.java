package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.internal.SurgeState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by topic: counts unique tagged articles in event-time buckets and raises one surge alert
 * when the count over the window reaches {@code factor} times the baseline rate (and at least
 * {@code minCount}). The surge ends when the count falls below half the trigger level; only then
 * can a new surge alert be raised.
 */
public final class SurgeDetector implements FixedKeyProcessor<String, Long, Alert> {
  private final long bucketMs;
  private final long windowMs;
  private final long baselineMs;
  private final double factor;
  private final int minCount;
  private FixedKeyProcessorContext<String, Alert> context;
  private KeyValueStore<String, SurgeState> store;

  public SurgeDetector(Duration bucket, Duration window, Duration baseline, double factor, int minCount) {
    this.bucketMs = bucket.toMillis();
    this.windowMs = window.toMillis();
    this.baselineMs = baseline.toMillis();
    this.factor = factor;
    this.minCount = minCount;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Alert> context) {
    this.context = context;
    this.store = context.getStateStore(StoreNames.SURGE);
  }

  @Override
  public void process(FixedKeyRecord<String, Long> record) {
    String topic = record.key();
    long t = record.value() == null ? record.timestamp() : record.value();
    SurgeState s = store.get(topic);
    if (s == null) {
      s = SurgeState.newBuilder().setTopic(topic).build();
    }
    // Partitions reach this task in any order: the windows end at the newest event time seen, not at
    // this article's, so that an older article counts without moving the windows back (which made a
    // surge end and start again, raising it twice).
    long now = Math.max(t, s.getLatestEventTime());
    Map<String, Integer> buckets = new HashMap<>(s.getBucketCounts());
    long bucket = Math.floorDiv(t, bucketMs) * bucketMs;
    long oldest = now - windowMs - baselineMs;
    if (bucket + bucketMs > oldest) {
      buckets.merge(Long.toString(bucket), 1, Integer::sum);
    }
    buckets.keySet().removeIf(k -> Long.parseLong(k) + bucketMs <= oldest);

    long current = 0;
    long base = 0;
    for (var e : buckets.entrySet()) {
      long start = Long.parseLong(e.getKey());
      if (start + bucketMs > now - windowMs) {
        current += e.getValue();
      } else {
        base += e.getValue();
      }
    }
    double baselinePerWindow = base * (double) windowMs / baselineMs;
    double trigger = Math.max(minCount, factor * baselinePerWindow);
    s.setBucketCounts(buckets);
    s.setLatestEventTime(now);
    long nowBucket = Math.floorDiv(now, bucketMs) * bucketMs;
    if (s.getSurgeStartedAt() == null && current >= trigger) {
      s.setSurgeStartedAt(now);
      // One alert per surge: one that flickers off and on within a bucket is still the same surge.
      if (s.getLastAlertBucket() == null || s.getLastAlertBucket() != nowBucket) {
        s.setLastAlertBucket(nowBucket);
        context.forward(record.withValue(alert(topic, nowBucket, now, current, baselinePerWindow)));
      }
    } else if (s.getSurgeStartedAt() != null && current < trigger / 2) {
      s.setSurgeStartedAt(null);
    }
    store.put(topic, s);
  }

  private Alert alert(String topic, long bucket, long t, long current, double baseline) {
    String id = AlertFactory.alertId("surge", topic, Long.toString(bucket));
    String reason = String.format(Locale.ROOT, "%d articles in the last %d min against a baseline of %.1f",
        current, windowMs / 60_000, baseline);
    return Alert.newBuilder()
        .setAlertId(id)
        .setKind(AlertKind.SURGE)
        .setSeverity(current >= 2 * Math.max(minCount, factor * baseline) ? Severity.HIGH : Severity.MEDIUM)
        .setSeverityReasons(List.of(reason))
        .setTopic(topic)
        .setRuleId("surge")
        .setStoryId("")
        .setTitle("Surge in " + topic + ": " + reason)
        .setSummary(reason)
        .setScore(current)
        .setCreatedAt(Instant.ofEpochMilli(t))
        .build();
  }
}
