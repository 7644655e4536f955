package io.newswatch.sink.live;

import io.newswatch.schemas.avro.Alert;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The desk's stories, not articles: one entry per (story, topic), holding the alert with the highest
 * story version. Not thread-safe; the live server guards it.
 */
public final class StoryView {
  /** Stories kept (the least recently changed go first); a desk looks at the last day or two. */
  static final int MAX_STORIES = 2_000;

  private final Map<String, Alert> latestByStory = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Alert> eldest) {
      return size() > MAX_STORIES;
    }
  };
  // A re-delivered alert (same id, e.g. after a sink restart or a replay) must not count twice.
  private final Set<String> seenAlertIds = java.util.Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 20 * MAX_STORIES;
    }
  });

  /** Merges one alert; returns false when it adds nothing (a re-delivery or an older version). */
  public boolean add(Alert alert) {
    if (!seenAlertIds.add(alert.getAlertId())) {
      return false;
    }
    String key = storyKey(alert);
    Alert current = latestByStory.get(key);
    // Versions arrive out of order after a restore from the topic: the highest wins, whatever came last.
    if (current != null && current.getStoryVersion() >= alert.getStoryVersion()) {
      return false;
    }
    latestByStory.put(key, alert);
    return true;
  }

  /** The stories, latest event time first (lastSeen, or createdAt for alerts raised before stories). */
  public List<Alert> stories() {
    return latestByStory.values().stream()
        .sorted(Comparator.comparing(StoryView::eventTime).reversed().thenComparing(Alert::getAlertId))
        .toList();
  }

  /** A story's key: its id per topic, or the alert id for alerts that carry no story. */
  static String storyKey(Alert alert) {
    String story = alert.getStoryId() == null || alert.getStoryId().isEmpty() ? alert.getAlertId() : alert.getStoryId();
    return story + "|" + alert.getTopic();
  }

  static Instant eventTime(Alert alert) {
    Instant last = alert.getLastSeen();
    return last == null || last.equals(Instant.EPOCH) ? alert.getCreatedAt() : last;
  }
}
