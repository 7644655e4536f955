package io.newswatch.enrich.tagging;

/**
 * A problem found while loading a taxonomy: where it is ({@code topic}, {@code rule}, empty when not
 * applicable) and what is wrong. The rule (or topic) it names was skipped; the rest loaded.
 */
public record RuleError(String topic, String rule, String message) {
  @Override
  public String toString() {
    StringBuilder where = new StringBuilder();
    if (!topic.isEmpty()) {
      where.append("topic '").append(topic).append("' ");
    }
    if (!rule.isEmpty()) {
      where.append("rule '").append(rule).append("' ");
    }
    return where + message;
  }
}
