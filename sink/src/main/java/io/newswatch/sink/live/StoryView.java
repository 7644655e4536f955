package io.newswatch.sink.live;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The desk's stories, not articles: one entry per (story, topic), holding the alert with the highest
 * story version, and per story the articles its alerts were raised for. The live page and
 * {@code newswatch stories} both show this view. Not thread-safe; the live server guards it.
 */
public final class StoryView {
  /** Stories kept (the least recently changed go first); a desk looks at the last day or two. */
  static final int MAX_STORIES = 2_000;
  /** Articles listed per story; the count on the alert keeps going past it. */
  static final int MAX_ARTICLES = 500;

  /** One article of a story, as the alert raised for it tells. */
  public record StoryArticle(String articleId, String alertId, AlertKind kind, int storyVersion, String topic,
      String source, String lang, String title, String url, Instant at) {
  }

  /** One story: its latest alert per topic (primary topic first) and its articles in event-time order. */
  public record Story(String storyId, List<Alert> topics, List<StoryArticle> articles) {
  }

  private final Map<String, Alert> latestByStory = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Alert> eldest) {
      if (size() <= MAX_STORIES) {
        return false;
      }
      // A story's articles go with its last topic entry, not its first: another topic may still show it.
      String story = eldest.getValue().getStoryId();
      if (topicEntries.merge(story, -1, Integer::sum) <= 0) {
        topicEntries.remove(story);
        articlesByStory.remove(story);
      }
      return true;
    }
  };
  private final Map<String, Map<String, StoryArticle>> articlesByStory = new LinkedHashMap<>();
  /** Per story id, how many (story, topic) entries the view holds. */
  private final Map<String, Integer> topicEntries = new java.util.HashMap<>();
  // A re-delivered alert (same id, e.g. after a sink restart or a replay) must not count twice.
  private final Set<String> seenAlertIds = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 20 * MAX_STORIES;
    }
  });
  private final TopicVolume volume = new TopicVolume();

  /** Merges one alert; returns false when it adds nothing (a re-delivery or an older version). */
  public boolean add(Alert alert) {
    if (!seenAlertIds.add(alert.getAlertId())) {
      return false;
    }
    volume.add(alert);
    if (hasStory(alert)) {
      Map<String, StoryArticle> articles = articlesByStory.computeIfAbsent(alert.getStoryId(), k -> new LinkedHashMap<>());
      for (String articleId : alert.getArticleIds()) {
        if (articles.size() < MAX_ARTICLES) {
          articles.putIfAbsent(articleId, new StoryArticle(articleId, alert.getAlertId(), alert.getKind(),
              alert.getStoryVersion(), alert.getTopic(), alert.getSource(), alert.getLang(), alert.getTitle(),
              alert.getUrl(), alert.getCreatedAt()));
        }
      }
    }
    String key = storyKey(alert);
    Alert current = latestByStory.get(key);
    // Versions arrive out of order after a restore from the topic: the highest wins, whatever came last.
    if (current != null && current.getStoryVersion() >= alert.getStoryVersion()) {
      return false;
    }
    if (current == null) {
      topicEntries.merge(alert.getStoryId(), 1, Integer::sum);
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

  /** One story by id: its topics and its articles, oldest first; empty if the view does not hold it. */
  public Optional<Story> story(String storyId) {
    List<Alert> topics = new ArrayList<>();
    for (Alert a : latestByStory.values()) {
      if (storyId.equals(a.getStoryId()) || (!hasStory(a) && storyId.equals(a.getAlertId()))) {
        topics.add(a);
      }
    }
    if (topics.isEmpty()) {
      return Optional.empty();
    }
    // The story's primary topic comes first: its updates are raised on it (highest version), and before any
    // update it is the one the opening article was mostly about (role PRIMARY).
    topics.sort(Comparator.comparingInt(Alert::getStoryVersion).reversed()
        .thenComparing(a -> a.getRole() != io.newswatch.schemas.avro.TagRole.PRIMARY).thenComparing(Alert::getTopic));
    List<StoryArticle> articles = new ArrayList<>(articlesByStory.getOrDefault(storyId, Map.of()).values());
    articles.sort(Comparator.comparing(StoryArticle::at).thenComparingInt(StoryArticle::storyVersion));
    return Optional.of(new Story(storyId, List.copyOf(topics), List.copyOf(articles)));
  }

  /** Alerted articles per topic and hour, and the surges, over the day before {@code end}. */
  public TopicVolume.Day volume(Instant end) {
    return volume.day(end);
  }

  /** The newest event time the view has seen, or empty before the first alert. */
  public Optional<Instant> newest() {
    return volume.newest();
  }

  /** A story's key: its id per topic, or the alert id for alerts that carry no story. */
  static String storyKey(Alert alert) {
    return (hasStory(alert) ? alert.getStoryId() : alert.getAlertId()) + "|" + alert.getTopic();
  }

  private static boolean hasStory(Alert alert) {
    return alert.getStoryId() != null && !alert.getStoryId().isEmpty();
  }

  /**
   * The words a story is known by: its headline, or (real pages often have none) the tag's strongest
   * passage, or the start of its text; at most 200 characters. The live page uses the same rule.
   */
  public static String headline(Alert alert) {
    String text = !alert.getTitle().isBlank() ? alert.getTitle().strip()
        : !alert.getPassage().isBlank() ? alert.getPassage().strip() : alert.getSummary().strip();
    return text.length() > 200 ? text.substring(0, 199) + "…" : text;
  }

  static Instant eventTime(Alert alert) {
    Instant last = alert.getLastSeen();
    return last == null || last.equals(Instant.EPOCH) ? alert.getCreatedAt() : last;
  }
}
