package io.newswatch.enrich.stories;

import java.time.Duration;
import java.util.HashSet;
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
    Duration gap = Duration.between(story.last(), article.time()).abs();
    if (gap.compareTo(config.window()) > 0 && Duration.between(story.first(), article.time()).abs()
        .compareTo(config.window()) > 0) {
      return 0;
    }
    if (!story.primaryTopic().equals(article.primaryTopic())) {
      return 0;
    }
    for (String kind : CONFLICTING_KINDS) {
      Set<String> a = ofKind(lede(story.entities()), kind);
      Set<String> b = ofKind(lede(article.entities()), kind);
      if (!a.isEmpty() && !b.isEmpty() && a.stream().noneMatch(b::contains)) {
        return 0;
      }
    }
    double shared = 0;
    boolean specific = false;
    for (String e : article.entities()) {
      if (!e.startsWith(LEDE) && story.entities().contains(e)) {
        shared += weight(e);
        specific |= weight(e) >= SPECIFIC;
      }
    }
    double lighter = Math.min(total(story.entities()), total(article.entities()));
    if (!specific || shared < config.minShared() || lighter == 0 || shared / lighter < config.minOverlap()) {
      return 0;
    }
    return shared;
  }

  /** How much naming an entity or fact tells about the event. */
  static double weight(String entity) {
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
    String digits = num.substring(num.indexOf(':') + 1).replaceAll("0+$", "");
    return digits.length() <= 2;
  }

  private static double total(Set<String> entities) {
    return entities.stream().filter(e -> !e.startsWith(LEDE)).mapToDouble(StoryMatcher::weight).sum();
  }

  /** The entities named in the lede, without their prefix. */
  private static Set<String> lede(Set<String> entities) {
    Set<String> out = new HashSet<>();
    for (String e : entities) {
      if (e.startsWith(LEDE)) {
        out.add(e.substring(LEDE.length()));
      }
    }
    return out;
  }

  static String kind(String entity) {
    int colon = entity.indexOf(':');
    int dot = entity.indexOf('.');
    int cut = colon >= 0 ? colon : dot;
    return cut < 0 ? entity : entity.substring(0, cut);
  }

  private static Set<String> ofKind(Set<String> entities, String kind) {
    Set<String> out = new HashSet<>();
    for (String e : entities) {
      if (kind(e).equals(kind)) {
        out.add(e);
      }
    }
    return out;
  }
}
