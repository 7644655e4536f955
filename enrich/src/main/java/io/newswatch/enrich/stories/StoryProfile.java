package io.newswatch.enrich.stories;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a story has gathered: its id (its first article's), first and last event time, its primary
 * topic (its first article's), topics,
 * entities, outlets, languages and article count. Immutable; {@link #plus} makes the next one. Entities
 * and outlets are bounded ({@link #MAX_ENTITIES}, {@link #MAX_SOURCES}).
 */
public record StoryProfile(String storyId, Instant first, Instant last, String primaryTopic, Set<String> topics,
    Set<String> entities, Set<String> sources, Set<String> langs, int articles) {

  public StoryProfile {
    topics = Set.copyOf(topics);
    entities = Set.copyOf(entities);
    sources = Set.copyOf(sources);
    langs = Set.copyOf(langs);
  }

  /**
   * The most entities a story remembers. Its first reports define it; a story that runs for days
   * keeps gathering numbers and names, and without a bound each update would copy, score and store
   * an ever larger set. New entities beyond it are not remembered (the story still counts the article).
   */
  public static final int MAX_ENTITIES = 256;

  /**
   * The most outlets a story remembers. Every alert of a story lists them (who else reported it), so a
   * story that thousands of sites copy would make each alert, each decision record and the sink's
   * queues grow without bound (a hostile run filled a 2 GB heap with 12,000 alerts this way). A desk
   * reads the first few dozen names; the article count still counts every report.
   */
  public static final int MAX_SOURCES = 64;

  /** A story started by {@code article}. */
  public static StoryProfile start(StoryArticle article) {
    return new StoryProfile(article.id(), article.time(), article.time(), article.primaryTopic(), article.topics(),
        article.entities(),
        article.source().isEmpty() ? Set.of() : Set.of(article.source()), Set.of(article.lang()), 1);
  }

  /** The story with {@code article} joined. */
  public StoryProfile plus(StoryArticle article) {
    return new StoryProfile(storyId, article.time().isBefore(first) ? article.time() : first,
        article.time().isAfter(last) ? article.time() : last, primaryTopic, union(topics, article.topics()),
        bounded(entities, article.entities(), MAX_ENTITIES),
        article.source().isEmpty() ? sources : bounded(sources, Set.of(article.source()), MAX_SOURCES),
        union(langs, Set.of(article.lang())), articles + 1);
  }

  /**
   * The union, but new entities only while there is room, in sorted order (the same on every replay).
   * A full story, or a report that names nothing new, keeps its set as it is (the same instance, so
   * whatever was derived from it stays valid), and only the new names are sorted, not the story's.
   */
  private static Set<String> bounded(Set<String> have, Set<String> add, int max) {
    if (have.size() >= max || have.containsAll(add)) {
      return have;
    }
    List<String> fresh = new ArrayList<>();
    for (String e : add) {
      if (!have.contains(e)) {
        fresh.add(e);
      }
    }
    fresh.sort(null);
    Set<String> out = new HashSet<>(have);
    for (String e : fresh) {
      if (out.size() >= max) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (a.containsAll(b)) {
      return a; // the usual case for a story's langs and topics: no copy per article
    }
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }
}
