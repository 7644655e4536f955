package io.newswatch.enrich.replay;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a replay starts and ends on each partition of the raw topic.
 *
 * @param applicationId the replay's Streams application id (and consumer group)
 * @param start first offset per partition (the first record at or after {@code from})
 * @param end offset per partition past the last record at or before {@code to}
 */
public record ReplayPlan(String applicationId, Instant from, Instant to, Map<TopicPartition, Long> start,
    Map<TopicPartition, Long> end) {

  public ReplayPlan {
    start = Map.copyOf(start);
    end = Map.copyOf(end);
  }

  /** The number of raw records in the range (records with out-of-order timestamps included). */
  public long total() {
    long n = 0;
    for (var e : end.entrySet()) {
      n += Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), e.getValue()));
    }
    return n;
  }

  /** A deterministic application id: the same replay resumes, a different one starts afresh. */
  public static String applicationId(String prefix, String taxonomyVersion, Instant from, Instant to) {
    String v = taxonomyVersion.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-");
    return prefix + "-replay-" + v + "-" + from.getEpochSecond() + "-" + to.getEpochSecond();
  }

  /** Looks the offsets of {@code from} and {@code to} up by timestamp on every partition of the topic. */
  public static ReplayPlan create(Properties kafka, String rawTopic, String applicationId, Instant from, Instant to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to (" + to + ") is before --from (" + from + ")");
    }
    try (Admin admin = Admin.create(kafka)) {
      var desc = admin.describeTopics(List.of(rawTopic)).allTopicNames().get(30, TimeUnit.SECONDS).get(rawTopic);
      Map<TopicPartition, OffsetSpec> atFrom = new HashMap<>();
      Map<TopicPartition, OffsetSpec> afterTo = new HashMap<>();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      desc.partitions().forEach(p -> {
        TopicPartition tp = new TopicPartition(rawTopic, p.partition());
        atFrom.put(tp, OffsetSpec.forTimestamp(from.toEpochMilli()));
        afterTo.put(tp, OffsetSpec.forTimestamp(to.toEpochMilli() + 1));
        latest.put(tp, OffsetSpec.latest());
      });
      Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(atFrom).all().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, ListOffsetsResultInfo> stops = admin.listOffsets(afterTo).all().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, Long> start = new HashMap<>();
      Map<TopicPartition, Long> end = new HashMap<>();
      for (TopicPartition tp : latest.keySet()) {
        long last = ends.get(tp).offset();
        // -1 means no record at or after the timestamp: the range starts (or ends) at the log end.
        long s = starts.get(tp).offset() < 0 ? last : starts.get(tp).offset();
        long e = stops.get(tp).offset() < 0 ? last : stops.get(tp).offset();
        start.put(tp, s);
        end.put(tp, Math.max(s, e));
      }
      return new ReplayPlan(applicationId, from, to, start, end);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot plan the replay of " + rawTopic + ": " + e.getMessage(), e);
    }
  }

  /**
   * Positions the replay's consumer group at the start offsets, unless it already committed
   * offsets (an interrupted replay resumes where it was). Returns true when it positioned them.
   */
  public boolean positionGroup(Properties kafka) {
    try (Admin admin = Admin.create(kafka)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      if (committed.keySet().stream().anyMatch(start::containsKey)) {
        return false;
      }
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      start.forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
      admin.alterConsumerGroupOffsets(applicationId, offsets).all().get(30, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot position replay group " + applicationId + ": " + e.getMessage(), e);
    }
  }

  /** How many records of the range the replay has committed so far. */
  public long done(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    long n = 0;
    for (var e : end.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      long at = c == null ? start.get(e.getKey()) : c.offset();
      n += Math.max(0, Math.min(at, e.getValue()) - start.get(e.getKey()));
    }
    return n;
  }
}
