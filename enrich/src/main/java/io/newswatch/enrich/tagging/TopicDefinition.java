package io.newswatch.enrich.tagging;

import java.util.List;

/** A compiled topic: its threshold, required contexts and scoring rules. */
record TopicDefinition(
    String id, String description, double threshold, List<Requirement> required, List<Rule> rules) {
  TopicDefinition {
    required = List.copyOf(required);
    rules = List.copyOf(rules);
  }
}
