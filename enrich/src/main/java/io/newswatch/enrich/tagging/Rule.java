package io.newswatch.enrich.tagging;

import java.util.Objects;

/**
 * A scoring rule of a topic. A {@link Kind#CORE} rule is a topic-defining fact (an incident, a
 * deployment, a deterrence body meeting): it can tag on its own. A {@link Kind#CONTEXT} rule only
 * adds weight to a sentence that already holds a fact, and may be negative (tourism around the DMZ).
 */
record Rule(String id, Kind kind, double weight, Expr expr) {

  /** Whether a rule can tag on its own. */
  enum Kind {
    CORE, CONTEXT
  }

  Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(expr, "expr");
    if (!Double.isFinite(weight) || weight == 0) {
      throw new IllegalArgumentException("weight must be a non-zero number, got " + weight);
    }
    if (kind == Kind.CORE && weight < 0) {
      throw new IllegalArgumentException("a core rule needs a positive weight; make negative evidence a context rule");
    }
  }

  boolean core() {
    return kind == Kind.CORE;
  }
}
