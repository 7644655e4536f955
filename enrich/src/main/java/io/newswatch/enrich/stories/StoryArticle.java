package io.newswatch.enrich.stories;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What story assignment knows of one unique article: id, event time, outlet, language, its primary
 * topic and all the topics it was tagged with, the entity ids and facts it names (those of its lede
 * also with the prefix {@code lede:}), and, for a near-duplicate, its original.
 */
public record StoryArticle(String id, Instant time, String source, String lang, String primaryTopic,
    Set<String> topics, Set<String> entities, String duplicateOf) {
  public StoryArticle {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    source = source == null ? "" : source;
    lang = lang == null ? "und" : lang;
    primaryTopic = primaryTopic == null ? "" : primaryTopic;
    topics = Set.copyOf(topics);
    entities = Set.copyOf(entities);
  }
}
