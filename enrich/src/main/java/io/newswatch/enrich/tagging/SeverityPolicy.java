package io.newswatch.enrich.tagging;

import java.util.List;

/**
 * How severity is decided for a tagged topic: the highest level among matching severity rules;
 * without one, MEDIUM when the score reaches {@code mediumRatio} times the threshold, else LOW.
 */
record SeverityPolicy(double mediumRatio, List<SeverityRule> rules) {
  SeverityPolicy {
    if (!(mediumRatio >= 1)) {
      throw new IllegalArgumentException("mediumRatio must be >= 1, got " + mediumRatio);
    }
    rules = List.copyOf(rules);
  }
}
