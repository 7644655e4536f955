package io.newswatch.enrich.tagging;

import java.util.Objects;
import java.util.Set;

/**
 * An exclusion gate of a topic: in every sentence where {@code when} holds and {@code unless} does
 * not, the topic's core rules (or only those named in {@code blocks}) do not count. It is how the
 * taxonomy keeps a sea crossing out of {@code dmz} or South Korea's own submarine out of {@code
 * deterrence}, one sentence at a time, without ever zeroing the whole topic.
 */
record Gate(String id, Expr when, Expr unless, Set<String> blocks) {

  Gate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(when, "when");
    blocks = Set.copyOf(blocks);
  }

  /** Whether the gate stops {@code rule} (a full rule id, topic.rule). */
  boolean blocks(Rule rule) {
    return rule.core() && (blocks.isEmpty() || blocks.contains(rule.id()));
  }
}
