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

/**
 * The open stories, on the heap of the single matcher task, by primary topic: an article can only
 * join a story of its own primary topic, so only those are scored. The durable copy is one {@code
 * StoryState} per story in a changelogged store, written when the story changes.
 */
public final class StoryBook {

  /**
   * A story as the desk sees it: what it gathered, its version (one per article) and severity; with
   * what is derived from its entities (their signals for scoring, and the sorted list its durable
   * state stores), kept for as long as its entities do not change.
   */
  public record Story(StoryProfile profile, int version, Severity severity, StoryMatcher.Signals signals,
      List<String> sortedEntities) {
    public Story(StoryProfile profile, int version, Severity severity) {
      this(profile, version, severity, StoryMatcher.Signals.of(profile.entities()), sorted(profile.entities()));
    }

    public String id() {
      return profile.storyId();
    }

    public static Story start(StoryArticle a, Severity severity) {
      return new Story(StoryProfile.start(a), 1, severity);
    }

    public Story plus(StoryArticle a, Severity s) {
      StoryProfile next = profile.plus(a);
      Severity worst = s.ordinal() > severity.ordinal() ? s : severity;
      // Most reports add no name the story lacks: its entity set is then the same, and so are its signals.
      return next.entities() == profile.entities()
          ? new Story(next, version + 1, worst, signals, sortedEntities)
          : new Story(next, version + 1, worst);
    }

    public StoryState toState() {
      return StoryState.newBuilder()
          .setFirst(profile.first().toEpochMilli())
          .setLast(profile.last().toEpochMilli())
          .setPrimaryTopic(profile.primaryTopic())
          .setTopics(sorted(profile.topics()))
          .setEntities(sortedEntities)
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
      return java.util.Collections.unmodifiableList(out); // shared by a story's versions
    }
  }

  private final StoryMatcher matcher;
  private final Map<String, Open> byId = new HashMap<>();
  /**
   * Per primary topic and telling entity, the open stories that name it: the only stories an article
   * naming it can join (see {@link StoryMatcher#telling}), so only those are scored. Lists, not sets:
   * an article walks every story that shares a name with it, and a flood of reports naming the same
   * people makes these long. A closed story leaves its lists lazily, when they are next walked.
   */
  private final Map<String, Map<String, List<Open>>> byTelling = new HashMap<>();
  /** Marks the stories an article has reached, so that their shared weight adds up without a map. */
  private int epoch;
  private final ArrayList<Open> reached = new ArrayList<>();

  /** An open story and the scratch space of {@link #bestFor} (one stream thread owns the book). */
  private static final class Open {
    Story story;
    boolean closed;
    int epoch;
    double shared;

    Open(Story story) {
      this.story = story;
    }
  }

  public StoryBook(StoryMatcher matcher) {
    this.matcher = matcher;
  }

  public int size() {
    return byId.size();
  }

  public Story get(String id) {
    Open o = id == null ? null : byId.get(id);
    return o == null ? null : o.story;
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
    Map<String, List<Open>> index = byTelling.get(a.primaryTopic());
    if (index == null) {
      return null;
    }
    if (++epoch == 0) { // wrapped after 2^32 articles: 0 is what a new story starts with
      byId.values().forEach(o -> o.epoch = -1);
      epoch = 1;
    }
    int mark = epoch;
    // Reused: in a flood an article reaches thousands of stories, and a fresh list grew to that
    // size for every article.
    ArrayList<Open> reached = this.reached;
    reached.clear();
    for (String e : a.entities()) {
      List<Open> named = index.get(e);
      if (named == null) {
        continue;
      }
      double w = StoryMatcher.weight(e);
      int kept = 0;
      for (int i = 0; i < named.size(); i++) {
        Open o = named.get(i);
        if (o.closed) {
          continue;
        }
        named.set(kept++, o);
        if (o.epoch != mark) {
          o.epoch = mark;
          o.shared = 0;
          reached.add(o);
        }
        o.shared += w;
      }
      trim(named, kept);
    }
    List<Open> scored = candidates(reached);
    Story best = null;
    double bestScore = 0;
    StoryMatcher.Signals signals = StoryMatcher.Signals.of(a.entities());
    for (Open o : scored) {
      Story s = o.story;
      double score = matcher.score(s.profile(), s.signals(), a, signals);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    reached.clear(); // holds no closed story until the next article
    return best;
  }

  /** Drops the tail of a list compacted in place (its closed stories removed). */
  private static void trim(List<Open> list, int size) {
    if (size < list.size()) {
      list.subList(size, list.size()).clear();
    }
  }

  /** The stories to score, by id: all of them, or the {@value #MAX_CANDIDATES} sharing the most. */
  private static List<Open> candidates(List<Open> reached) {
    java.util.Comparator<Open> byId = java.util.Comparator.comparing(o -> o.story.id());
    if (reached.size() <= MAX_CANDIDATES) {
      reached.sort(byId);
      return reached;
    }
    // A bounded heap whose head is the weakest kept candidate: O(n log k), not a sort of all n.
    // Written out, not composed: a flood compares thousands of candidates per article, and most
    // comparisons end on the weight without reaching the ids.
    java.util.Comparator<Open> weaker = (x, y) -> {
      int c = Double.compare(x.shared, y.shared);
      return c != 0 ? c : y.story.id().compareTo(x.story.id());
    };
    java.util.PriorityQueue<Open> kept = new java.util.PriorityQueue<>(MAX_CANDIDATES + 1, weaker);
    for (Open o : reached) {
      if (kept.size() < MAX_CANDIDATES) {
        kept.add(o);
      } else if (weaker.compare(o, kept.peek()) > 0) {
        kept.poll();
        kept.add(o);
      }
    }
    List<Open> ids = new ArrayList<>(kept);
    ids.sort(byId);
    return ids;
  }

  public void put(Story story) {
    Open open = byId.get(story.id());
    java.util.Set<String> before = java.util.Set.of();
    if (open == null) {
      open = new Open(story);
      byId.put(story.id(), open);
    } else {
      before = open.story.profile().entities();
      open.story = story;
    }
    Map<String, List<Open>> index = byTelling.computeIfAbsent(story.profile().primaryTopic(), t -> new HashMap<>());
    // A story's names only grow (and its primary topic stays): it joins the lists of its new ones.
    // Most updates add none (the same set): nothing to walk.
    if (story.profile().entities() == before) {
      return;
    }
    for (String e : story.profile().entities()) {
      if (StoryMatcher.telling(e) && !before.contains(e)) {
        index.computeIfAbsent(e, x -> new ArrayList<>()).add(open);
      }
    }
  }

  /** Closes the stories whose last article is older than {@code cutoff}; returns their ids. */
  public List<String> expire(long cutoff) {
    List<String> gone = new ArrayList<>();
    for (Open o : byId.values()) {
      if (o.story.profile().last().toEpochMilli() < cutoff) {
        gone.add(o.story.id());
      }
    }
    // Close them all first, then compact each list they were on once (not once per closed story).
    Map<List<Open>, Map<String, List<Open>>> touched = new java.util.IdentityHashMap<>();
    Map<List<Open>, String> entityOf = new java.util.IdentityHashMap<>();
    for (String id : gone) {
      Open o = byId.remove(id);
      o.closed = true;
      Map<String, List<Open>> index = byTelling.get(o.story.profile().primaryTopic());
      if (index != null) {
        for (String e : o.story.profile().entities()) {
          List<Open> named = index.get(e);
          if (named != null) {
            touched.put(named, index);
            entityOf.put(named, e);
          }
        }
      }
    }
    touched.forEach((named, index) -> {
      named.removeIf(x -> x.closed);
      if (named.isEmpty()) {
        index.remove(entityOf.get(named));
      }
    });
    return gone;
  }
}
