package io.newswatch.enrich.stories;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether an article joins a story. The rules, each a reason for a new story rather than a
 * wrong merge:
 *
 * <ol>
 *   <li>time: the article is within the window of the story's last article;
 *   <li>topic: the article's primary topic is the story's;
 *   <li>no conflict: where both ledes name a meeting or body ({@code body.*}), a named asset ({@code
 *       asset.*}), an incident type ({@code thing.*}) or a date ({@code date:*}), they name a common
 *       one (the SCM is not the 2+2 of the next day, USS Michigan is not USS Kentucky, a balloon
 *       launch is not a line crossing, June 9 is not June 18);
 *   <li>shared weight: the entities and facts both name weigh at least {@code minShared}, and at least
 *       {@code minOverlap} of the lighter side. Exact numbers, dates, assets and bodies weigh most;
 *       round numbers (10,000) less; names every article of a topic carries (the DMZ, Kim Jong Un,
 *       Putin, Kursk) least, and at least one shared name must be a telling one.
 * </ol>
 */
public final class StoryMatcher {

  /**
   * Names too common in these topics to tell one event from another: the places every report of a
   * topic names, and the heads of state of the countries involved (a president's name comes with
   * any statement of the government, whatever the event).
   */
  private static final Set<String> UBIQUITOUS = Set.of("place.dmz", "place.mdl", "place.ukraine", "person.kim_jong_un",
      "person.putin", "person.biden", "person.trump", "place.kursk", "person.yoon", "person.lee_jae_myung",
      "person.zelensky");
  private static final Set<String> CONFLICTING_KINDS = Set.of("body", "asset", "date", "thing");
  /** At least one shared name must be this telling: common names and round numbers alone never make a story. */
  private static final double SPECIFIC = 1.5;
  private static final String LEDE = io.newswatch.enrich.tagging.TaxonomyTagger.LEDE;

  private final StoryConfig config;

  public StoryMatcher(StoryConfig config) {
    this.config = config;
  }

  public StoryConfig config() {
    return config;
  }

  /** Whether {@code article} joins {@code story}. */
  public boolean joins(StoryProfile story, StoryArticle article) {
    return score(story, article) > 0;
  }

  /** The shared weight when the article may join (higher is a closer story), 0 when it may not. */
  public double score(StoryProfile story, StoryArticle article) {
    return score(story, Signals.of(story.entities()), article, Signals.of(article.entities()));
  }

  /**
   * What scoring needs of a set of entities, computed once per article and once per story version
   * rather than once per comparison: its total weight and its lede entities by conflicting kind.
   */
  public record Signals(double total, Map<String, Set<String>> ledeByKind, String[] named, double[] weights) {
    public static Signals of(Set<String> entities) {
      double total = 0;
      Map<String, Set<String>> lede = new HashMap<>();
      java.util.List<String> named = new java.util.ArrayList<>();
      for (String e : entities) {
        if (e.startsWith(LEDE)) {
          String bare = e.substring(LEDE.length());
          String kind = kind(bare);
          if (CONFLICTING_KINDS.contains(kind)) {
            lede.computeIfAbsent(kind, k -> new HashSet<>()).add(bare);
          }
        } else {
          total += weight(e);
          named.add(e);
        }
      }
      named.sort(null);
      double[] weights = new double[named.size()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = weight(named.get(i));
      }
      return new Signals(total, lede, named.toArray(String[]::new), weights);
    }
  }

  /** {@link #score(StoryProfile, StoryArticle)} with the signals of both sides computed beforehand. */
  public double score(StoryProfile story, Signals storySignals, StoryArticle article, Signals articleSignals) {
    long t = article.time().toEpochMilli();
    long window = config.window().toMillis();
    if (Math.abs(t - story.last().toEpochMilli()) > window && Math.abs(t - story.first().toEpochMilli()) > window) {
      return 0;
    }
    if (!story.primaryTopic().equals(article.primaryTopic())) {
      return 0;
    }
    // The shared weight first: it rules out nearly every open story with a few hash lookups, before
    // the conflict checks. All conditions must hold, so the order changes no result.
    double shared = 0;
    boolean specific = false;
    String[] named = articleSignals.named();
    for (int i = 0; i < named.length; i++) {
      if (story.entities().contains(named[i])) {
        double w = articleSignals.weights()[i];
        shared += w;
        specific |= w >= SPECIFIC;
      }
    }
    if (!specific || shared < config.minShared()) {
      return 0;
    }
    for (var kind : articleSignals.ledeByKind().entrySet()) {
      Set<String> a = storySignals.ledeByKind().get(kind.getKey());
      if (a != null && !a.isEmpty() && !kind.getValue().isEmpty() && a.stream().noneMatch(kind.getValue()::contains)) {
        return 0;
      }
    }
    double lighter = Math.min(storySignals.total(), articleSignals.total());
    if (lighter == 0 || shared / lighter < config.minOverlap()) {
      return 0;
    }
    return shared;
  }

  /**
   * Whether naming {@code entity} can tell one event from another: an article joins a story only if
   * they share at least one such name, so an index of them finds every story it could join.
   */
  public static boolean telling(String entity) {
    return !entity.startsWith(LEDE) && weight(entity) >= SPECIFIC;
  }

  /** How much naming an entity or fact tells about the event. */
  public static double weight(String entity) {
    if (UBIQUITOUS.contains(entity)) {
      return 0.5;
    }
    return switch (kind(entity)) {
      case "num" -> round(entity) ? 1.0 : 2.0;
      case "date", "asset", "body" -> 2.0;
      case "person", "unit", "place" -> 1.5;
      default -> 1.0;
    };
  }

  /** A round quantity (10,000, 3,000, 100) is said of many events; 1,043 or 330 is said of one. */
  private static boolean round(String num) {
    int end = num.length();
    while (end > 0 && num.charAt(end - 1) == '0') {
      end--;
    }
    return end - (num.indexOf(':') + 1) <= 2;
  }



  static String kind(String entity) {
    int colon = entity.indexOf(':');
    int dot = entity.indexOf('.');
    int cut = colon >= 0 ? colon : dot;
    return cut < 0 ? entity : entity.substring(0, cut);
  }

}
