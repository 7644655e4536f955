package io.newswatch.sink.live;

import java.util.Optional;
import java.time.Instant;
import java.time.Duration;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.sink.AlertJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The last N alerts shown on the live page, and the listeners (SSE clients) told of each new one. */
public final class RecentAlerts {

  private final int capacity;
  private final ArrayDeque<LiveEvent> events = new ArrayDeque<>();
  private final Set<String> ids = new HashSet<>();
  private final List<Consumer<LiveEvent>> listeners = new ArrayList<>();
  private final StoryView stories = new StoryView();

  public RecentAlerts(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Adds the alert and tells every listener, unless an alert with the same id is already held.
   * Returns whether it was added.
   */
  public synchronized boolean publish(Alert alert) {
    // A line break would end the SSE "id:" field early and corrupt the stream.
    String id = alert.getAlertId().replaceAll("[\\r\\n]", "");
    if (ids.contains(id)) {
      return false;
    }
    stories.add(alert);
    LiveEvent event = new LiveEvent(id, new String(AlertJson.bytes(AlertJson.toJson(alert)), StandardCharsets.UTF_8));
    events.addLast(event);
    ids.add(id);
    if (events.size() > capacity) {
      ids.remove(events.removeFirst().id());
    }
    listeners.forEach(l -> l.accept(event));
    return true;
  }

  /** The desk's stories (one per story and topic, at its latest version), newest first. */
  public synchronized List<Alert> stories() {
    return stories.stories();
  }

  /** One story with its articles, if the view holds it. */
  public synchronized Optional<StoryView.Story> story(String storyId) {
    return stories.story(storyId);
  }

  /**
   * The chart of the day up to now, or up to the newest event when that is more than a day old (a
   * replayed backfill) or ahead of this machine's clock.
   */
  public synchronized TopicVolume.Day volume(Instant now) {
    Instant end = stories.newest()
        .filter(n -> n.isAfter(now) || n.isBefore(now.minus(Duration.ofHours(TopicVolume.HOURS))))
        .orElse(now);
    return stories.volume(end);
  }

  /** The held events, oldest first. */
  public synchronized List<LiveEvent> snapshot() {
    return List.copyOf(events);
  }

  /**
   * Registers a listener and returns, atomically with it, the backlog the client has not seen: the
   * events after {@code lastEventId}, or all of them if it is null or no longer held.
   */
  public synchronized List<LiveEvent> subscribe(Consumer<LiveEvent> listener, String lastEventId) {
    listeners.add(listener);
    List<LiveEvent> all = List.copyOf(events);
    if (lastEventId == null || !ids.contains(lastEventId)) {
      return all;
    }
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).id().equals(lastEventId)) {
        return all.subList(i + 1, all.size());
      }
    }
    return all;
  }

  /** Removes a listener. */
  public synchronized void unsubscribe(Consumer<LiveEvent> listener) {
    listeners.remove(listener);
  }

  /** How many listeners are connected. */
  public synchronized int listenerCount() {
    return listeners.size();
  }

  /** How many events are held. */
  public synchronized int size() {
    return events.size();
  }

  /** Ids of held events, for tests and /health. */
  synchronized Set<String> ids() {
    return new HashSet<>(ids);
  }
}
