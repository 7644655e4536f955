package io.newswatch.enrich.tagging;

import java.util.Objects;

/**
 * A scoring rule of a topic: each match adds {@code weight} (times the title boost when it is in the
 * title), counting at most {@code maxHits} matches. Negative weights count against the topic.
 */
record Rule(String id, double weight, int maxHits, Expr expr) {
  Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expr, "expr");
    if (!Double.isFinite(weight) || weight == 0) {
      throw new IllegalArgumentException("weight must be a non-zero number, got " + weight);
    }
    if (maxHits < 1) {
      throw new IllegalArgumentException("maxHits must be at least 1, got " + maxHits);
    }
  }
}
