package io.newswatch.enrich.stream;

import io.newswatch.enrich.stories.StoryArticle;
import io.newswatch.enrich.stories.StoryMatcher;
import io.newswatch.enrich.stories.StoryProfile;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.internal.StoryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The open stories, on the heap of the single matcher task, by primary topic: an article can only
 * join a story of its own primary topic, so only those are scored. The durable copy is one {@code
 * StoryState} per story in a changelogged store, written when the story changes.
 */
public final class StoryBook {

  /** A story as the desk sees it: what it gathered, its version (one per article) and severity. */
  public record Story(StoryProfile profile, int version, Severity severity, StoryMatcher.Signals signals) {
    public Story(StoryProfile profile, int version, Severity severity) {
      this(profile, version, severity, StoryMatcher.Signals.of(profile.entities()));
    }

    public String id() {
      return profile.storyId();
    }

    public static Story start(StoryArticle a, Severity severity) {
      return new Story(StoryProfile.start(a), 1, severity);
    }

    public Story plus(StoryArticle a, Severity s) {
      return new Story(profile.plus(a), version + 1, s.ordinal() > severity.ordinal() ? s : severity);
    }

    public StoryState toState() {
      return StoryState.newBuilder()
          .setFirst(profile.first().toEpochMilli())
          .setLast(profile.last().toEpochMilli())
          .setPrimaryTopic(profile.primaryTopic())
          .setTopics(sorted(profile.topics()))
          .setEntities(sorted(profile.entities()))
          .setSources(sorted(profile.sources()))
          .setLangs(sorted(profile.langs()))
          .setArticles(profile.articles())
          .setVersion(version)
          .setSeverity(severity)
          .build();
    }

    static Story of(String id, StoryState s) {
      return new Story(new StoryProfile(id, Instant.ofEpochMilli(s.getFirst()), Instant.ofEpochMilli(s.getLast()),
          s.getPrimaryTopic(), new java.util.HashSet<>(s.getTopics()), new java.util.HashSet<>(s.getEntities()),
          new java.util.HashSet<>(s.getSources()), new java.util.HashSet<>(s.getLangs()), s.getArticles()),
          s.getVersion(), s.getSeverity());
    }

    private static List<String> sorted(java.util.Set<String> set) {
      List<String> out = new ArrayList<>(set);
      out.sort(null);
      return out;
    }
  }

  private final StoryMatcher matcher;
  private final Map<String, Story> byId = new HashMap<>();
  /** Per primary topic, the ids of its open stories, sorted, so that ties go the same way on every run. */
  private final Map<String, TreeMap<String, Story>> byTopic = new HashMap<>();
  /**
   * Per primary topic and telling entity, the open stories that name it: the only stories an article
   * naming it can join (see {@link StoryMatcher#telling}), so only those are scored.
   */
  private final Map<String, Map<String, java.util.Set<String>>> byTelling = new HashMap<>();

  public StoryBook(StoryMatcher matcher) {
    this.matcher = matcher;
  }

  public int size() {
    return byId.size();
  }

  public Story get(String id) {
    return id == null ? null : byId.get(id);
  }

  /**
   * Stories scored per article at most. When more open stories share telling names with an article (a
   * flood of reports that all name the same people), the ones sharing the most weight of them are
   * scored, ties to the smaller id, so a replay picks the same ones. A cap can only miss a join (a
   * story split in two), never make a wrong one: every join still passes the full score.
   */
  static final int MAX_CANDIDATES = 16;

  /** The open story {@code a} joins (the highest score, ties to the smaller id), or null. */
  public Story bestFor(StoryArticle a) {
    Map<String, java.util.Set<String>> index = byTelling.get(a.primaryTopic());
    if (index == null) {
      return null;
    }
    Map<String, double[]> sharedById = new HashMap<>();
    for (String e : a.entities()) {
      java.util.Set<String> named = index.get(e);
      if (named != null) {
        double w = StoryMatcher.weight(e);
        for (String id : named) {
          sharedById.computeIfAbsent(id, k -> new double[1])[0] += w;
        }
      }
    }
    List<String> ids = candidates(sharedById);
    Story best = null;
    double bestScore = 0;
    StoryMatcher.Signals signals = StoryMatcher.Signals.of(a.entities());
    for (String id : ids) {
      Story s = byId.get(id);
      double score = matcher.score(s.profile(), s.signals(), a, signals);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    return best;
  }

  /** The ids to score, sorted: all of them, or the {@value #MAX_CANDIDATES} sharing the most. */
  private static List<String> candidates(Map<String, double[]> sharedById) {
    List<String> ids;
    if (sharedById.size() <= MAX_CANDIDATES) {
      ids = new ArrayList<>(sharedById.keySet());
    } else {
      // A bounded heap whose head is the weakest kept candidate: O(n log k), not a sort of all n.
      java.util.Comparator<Map.Entry<String, double[]>> weaker = java.util.Comparator
          .<Map.Entry<String, double[]>>comparingDouble(e -> e.getValue()[0])
          .thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder());
      java.util.PriorityQueue<Map.Entry<String, double[]>> kept = new java.util.PriorityQueue<>(MAX_CANDIDATES + 1, weaker);
      for (Map.Entry<String, double[]> e : sharedById.entrySet()) {
        if (kept.size() < MAX_CANDIDATES) {
          kept.add(e);
        } else if (weaker.compare(e, kept.peek()) > 0) {
          kept.poll();
          kept.add(e);
        }
      }
      ids = new ArrayList<>(MAX_CANDIDATES);
      kept.forEach(e -> ids.add(e.getKey()));
    }
    ids.sort(null);
    return ids;
  }

  public void put(Story story) {
    byId.put(story.id(), story);
    byTopic.computeIfAbsent(story.profile().primaryTopic(), t -> new TreeMap<>()).put(story.id(), story);
    Map<String, java.util.Set<String>> index = byTelling.computeIfAbsent(story.profile().primaryTopic(),
        t -> new HashMap<>());
    for (String e : story.profile().entities()) {
      if (StoryMatcher.telling(e)) {
        index.computeIfAbsent(e, x -> new java.util.HashSet<>()).add(story.id());
      }
    }
  }

  /** Closes the stories whose last article is older than {@code cutoff}; returns their ids. */
  public List<String> expire(long cutoff) {
    List<String> gone = new ArrayList<>();
    for (Story s : byId.values()) {
      if (s.profile().last().toEpochMilli() < cutoff) {
        gone.add(s.id());
      }
    }
    for (String id : gone) {
      Story s = byId.remove(id);
      TreeMap<String, Story> t = byTopic.get(s.profile().primaryTopic());
      if (t != null) {
        t.remove(id);
      }
      Map<String, java.util.Set<String>> index = byTelling.get(s.profile().primaryTopic());
      if (index != null) {
        for (String e : s.profile().entities()) {
          java.util.Set<String> named = index.get(e);
          if (named != null && named.remove(id) && named.isEmpty()) {
            index.remove(e);
          }
        }
      }
    }
    return gone;
  }
}
