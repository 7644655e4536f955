package io.newswatch.enrich.stream;

import io.newswatch.enrich.stories.StoryArticle;
import io.newswatch.enrich.stories.StoryMatcher;
import io.newswatch.enrich.stories.StoryProfile;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.internal.StoryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
   * naming it can join (see {@link StoryMatcher#telling}), so only those are scored. Ordered by their
   * latest report's time (then id), which the durable state holds, so that a task rebuilt after a
   * crash walks them as the one before it did: an article walks the {@value #MAX_WALK} latest of each
   * name it shares (see there). Closed stories leave them in {@link #expire}.
   */
  private final Map<String, Map<String, TreeSet<Open>>> byTelling = new HashMap<>();

  /** Earliest latest report first, ties by id: iterated backwards, the most recently active first. */
  private static final Comparator<Open> BY_LATEST = (x, y) -> {
    int c = x.story.profile().last().compareTo(y.story.profile().last());
    return c != 0 ? c : x.story.id().compareTo(y.story.id());
  };
  /** Marks the stories an article has reached, so that their shared weight adds up without a map. */
  private int epoch;
  private final ArrayList<Open> reached = new ArrayList<>();

  /** An open story and the scratch space of {@link #bestFor} (one stream thread owns the book). */
  private static final class Open {
    Story story;
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
   * scored, ties to the smaller id, so a replay picks the same ones. A cap can only miss a story (a
   * story split in two, or a join with the best of those scored): every join still passes the full score.
   */
  static final int MAX_CANDIDATES = 16;

  /**
   * Stories walked per name an article shares, the latest report first. A flood of reports that all
   * name the same people leaves thousands of open stories on those names; walking them all was a
   * fifth of the stream thread's time in a backfill. The story a report belongs to is one that
   * gathered reports lately, and it shares more than one name with the report: a story this far down
   * every list it shares with the report has had no report since {@value} others naming the same
   * people did. Like the cap on candidates, this can only miss a story: the article then starts a
   * story or joins the best of those it reached, each join still passing the full score.
   */
  static final int MAX_WALK = 128;

  /** The open story {@code a} joins (the highest score, ties to the smaller id), or null. */
  public Story bestFor(StoryArticle a) {
    if (!walk(a)) {
      return null;
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
    reached.clear(); // holds no story that may close before the next article
    return best;
  }

  /**
   * Fills {@link #reached} with the open stories {@code a} shares a telling name with (at most
   * {@value #MAX_WALK} per name), each with the weight of the names it shares; false when none is open
   * in its primary topic.
   */
  private boolean walk(StoryArticle a) {
    Map<String, TreeSet<Open>> index = byTelling.get(a.primaryTopic());
    if (index == null) {
      return false;
    }
    if (++epoch == 0) { // wrapped after 2^32 articles: 0 is what a new story starts with
      byId.values().forEach(o -> o.epoch = -1);
      epoch = 1;
    }
    int mark = epoch;
    // Reused: in a flood an article reaches MAX_WALK stories per name it shares, and a fresh list
    // grew to that size for every article.
    ArrayList<Open> reached = this.reached;
    reached.clear();
    for (String e : a.entities()) {
      TreeSet<Open> named = index.get(e);
      if (named == null) {
        continue;
      }
      double w = StoryMatcher.weight(e);
      int walked = 0;
      for (Iterator<Open> it = named.descendingIterator(); it.hasNext() && walked < MAX_WALK; walked++) {
        Open o = it.next();
        if (o.epoch != mark) {
          o.epoch = mark;
          o.shared = 0;
          reached.add(o);
        }
        o.shared += w;
      }
    }
    return true;
  }

  /** The ids of the stories {@link #bestFor} would consider for {@code a} before the cap on candidates. */
  List<String> reachedIds(StoryArticle a) {
    List<String> ids = new ArrayList<>();
    if (walk(a)) {
      reached.forEach(o -> ids.add(o.story.id()));
      reached.clear();
    }
    ids.sort(null);
    return ids;
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
    Map<String, TreeSet<Open>> index =
        byTelling.computeIfAbsent(story.profile().primaryTopic(), t -> new HashMap<>());
    Open open = byId.get(story.id());
    if (open == null) {
      open = new Open(story);
      byId.put(story.id(), open);
    } else {
      Story before = open.story;
      if (before.profile().last().equals(story.profile().last())
          && before.profile().entities() == story.profile().entities()) {
        open.story = story; // same place in the same lists (a report no later than the story's latest)
        return;
      }
      // Out of its lists under its old position first: the lists order by the story they hold.
      for (String e : before.profile().entities()) {
        TreeSet<Open> named = index.get(e);
        if (named != null) {
          named.remove(open);
        }
      }
      open.story = story;
    }
    // A story's names only grow and its primary topic stays.
    for (String e : story.profile().entities()) {
      if (StoryMatcher.telling(e)) {
        index.computeIfAbsent(e, x -> new TreeSet<>(BY_LATEST)).add(open);
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
    for (String id : gone) {
      Open o = byId.remove(id);
      Map<String, TreeSet<Open>> index = byTelling.get(o.story.profile().primaryTopic());
      if (index != null) {
        for (String e : o.story.profile().entities()) {
          TreeSet<Open> named = index.get(e);
          if (named != null && named.remove(o) && named.isEmpty()) {
            index.remove(e);
          }
        }
      }
    }
    return gone;
  }
}
