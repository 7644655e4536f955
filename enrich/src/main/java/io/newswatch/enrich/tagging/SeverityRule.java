package io.newswatch.enrich.tagging;

import io.newswatch.schemas.avro.Severity;
import java.util.Set;

/** Raises a tagged topic to {@code level} when its condition holds; {@code topics} empty means all. */
record SeverityRule(String id, Severity level, String reason, Set<String> topics, Expr expr) {
  SeverityRule {
    topics = Set.copyOf(topics);
  }

  boolean appliesTo(String topic) {
    return topics.isEmpty() || topics.contains(topic);
  }
}
