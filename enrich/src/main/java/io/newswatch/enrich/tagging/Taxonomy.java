package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A loaded, validated taxonomy: its version, topics and severity policy. Build it with {@link TaxonomyLoader}. */
public final class Taxonomy {

  private final String version;
  private final Scoring scoring;
  private final Map<TextLanguage, Lexicon> lexicons;
  private final List<TopicDefinition> topics;
  private final SeverityPolicy severity;
  private final List<EntityDefinition> entities;

  Taxonomy(String version, Scoring scoring, Map<TextLanguage, Lexicon> lexicons, List<TopicDefinition> topics,
      SeverityPolicy severity, List<EntityDefinition> entities) {
    this.entities = List.copyOf(entities);
    this.version = version;
    this.scoring = scoring;
    this.lexicons = new EnumMap<>(lexicons);
    this.topics = List.copyOf(topics);
    this.severity = severity;
  }

  /** The {@code version:} field, stamped on every tag so a replay can tell which rules were used. */
  public String version() {
    return version;
  }

  /** The ids of the topics. */
  public List<String> topicIds() {
    return topics.stream().map(TopicDefinition::id).toList();
  }

  Scoring scoring() {
    return scoring;
  }

  Lexicon lexicon(TextLanguage language) {
    return lexicons.get(language);
  }

  List<TopicDefinition> topics() {
    return topics;
  }

  SeverityPolicy severity() {
    return severity;
  }

  List<EntityDefinition> entities() {
    return entities;
  }
}
