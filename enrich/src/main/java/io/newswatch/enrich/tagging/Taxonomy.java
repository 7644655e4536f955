package io.newswatch.enrich.tagging;

import java.util.List;

/** A loaded, validated taxonomy: its version, topics and severity policy. Build it with {@link TaxonomyLoader}. */
public final class Taxonomy {

  private final String version;
  private final double titleBoost;
  private final List<TopicDefinition> topics;
  private final SeverityPolicy severity;

  Taxonomy(String version, double titleBoost, List<TopicDefinition> topics, SeverityPolicy severity) {
    this.version = version;
    this.titleBoost = titleBoost;
    this.topics = List.copyOf(topics);
    this.severity = severity;
  }

  /** The {@code version:} field, stamped on every tag so a replay can tell which rules were used. */
  public String version() {
    return version;
  }

  /** The ids of the topics that loaded. */
  public List<String> topicIds() {
    return topics.stream().map(TopicDefinition::id).toList();
  }

  double titleBoost() {
    return titleBoost;
  }

  List<TopicDefinition> topics() {
    return topics;
  }

  SeverityPolicy severity() {
    return severity;
  }
}
