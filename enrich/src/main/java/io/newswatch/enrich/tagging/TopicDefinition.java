package io.newswatch.enrich.tagging;

import java.util.List;

/**
 * A compiled topic: its thresholds, gates and rules. {@code threshold} is the salience an article
 * needs for the topic to be its subject; {@code passageThreshold} is what one sentence needs to
 * report a topic-defining fact, which tags the topic even when the article is about something else.
 */
record TopicDefinition(String id, String description, double threshold, double passageThreshold, List<Gate> gates,
    List<Rule> rules) {
  TopicDefinition {
    gates = List.copyOf(gates);
    rules = List.copyOf(rules);
    if (!(threshold > 0) || !(passageThreshold > 0)) {
      throw new IllegalArgumentException("thresholds must be positive");
    }
  }
}
