package io.newswatch.sink.live;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Alerted articles per topic and hour, and the surges, for the desk view's 24-hour chart. Counts come
 * from the story alerts the page receives (a new story's topic alerts, updates, escalations: one per
 * article and topic), by event time; two days are kept behind the newest event. Not thread-safe.
 */
public final class TopicVolume {
  /** Hours in the chart. */
  public static final int HOURS = 24;
  private static final Duration KEEP = Duration.ofHours(2 * HOURS);

  /** A surge alert's mark on the chart. */
  public record Surge(String topic, Instant at, Severity severity, String title) {
  }

  /**
   * One chart: {@code counts.get(topic)[i]} articles in hour {@code i}, the hour ending
   * {@code end - (HOURS - 1 - i) h}; topics sorted by name.
   */
  public record Day(Instant end, Map<String, int[]> counts, List<Surge> surges) {
  }

  private final Map<String, TreeMap<Long, Integer>> hourlyByTopic = new TreeMap<>();
  private final List<Surge> surges = new ArrayList<>();
  private Instant newest;

  /** Counts one alert (a surge is marked, not counted). */
  public void add(Alert alert) {
    Instant at = alert.getCreatedAt();
    if (newest == null || at.isAfter(newest)) {
      newest = at;
    }
    if (alert.getKind() == AlertKind.SURGE) {
      surges.add(new Surge(alert.getTopic(), at, alert.getSeverity(), alert.getTitle()));
    } else {
      long hour = at.getEpochSecond() / 3600;
      hourlyByTopic.computeIfAbsent(alert.getTopic(), t -> new TreeMap<>())
          .merge(hour, Math.max(1, alert.getArticleIds().size()), Integer::sum);
    }
    prune();
  }

  /** The newest event time counted. */
  public Optional<Instant> newest() {
    return Optional.ofNullable(newest);
  }

  /** The {@value #HOURS} hours up to {@code end} (rounded up to a whole hour). */
  public Day day(Instant end) {
    Instant top = end.truncatedTo(ChronoUnit.HOURS).equals(end) ? end : end.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    long lastHour = top.getEpochSecond() / 3600 - 1;
    long firstHour = lastHour - HOURS + 1;
    Map<String, int[]> counts = new TreeMap<>();
    hourlyByTopic.forEach((topic, hours) -> {
      int[] row = new int[HOURS];
      hours.subMap(firstHour, true, lastHour, true).forEach((h, n) -> row[(int) (h - firstHour)] += n);
      counts.put(topic, row);
    });
    Instant from = Instant.ofEpochSecond(firstHour * 3600);
    List<Surge> marks = surges.stream().filter(s -> !s.at().isBefore(from) && s.at().isBefore(top)).toList();
    for (Surge s : marks) {
      counts.computeIfAbsent(s.topic(), t -> new int[HOURS]);
    }
    return new Day(top, counts, marks);
  }

  private void prune() {
    long oldest = newest.minus(KEEP).getEpochSecond() / 3600;
    hourlyByTopic.values().forEach(hours -> hours.headMap(oldest).clear());
    hourlyByTopic.values().removeIf(Map::isEmpty);
    surges.removeIf(s -> s.at().isBefore(newest.minus(KEEP)));
  }
}
