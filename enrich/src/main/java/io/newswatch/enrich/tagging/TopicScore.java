package io.newswatch.enrich.tagging;

import io.newswatch.schemas.avro.Severity;
import java.util.List;

/**
 * How one topic scored on one article. {@code score} is the sum of the evidence weights; the topic
 * is a tag when {@code tagged} (score reached the threshold and every requirement held). {@code
 * missingRequirements} names the unmet requirements (the score is then 0). Severity is only set for
 * tags (otherwise {@link Severity#UNKNOWN}).
 */
public record TopicScore(
    String topic,
    double score,
    double threshold,
    boolean tagged,
    List<String> ruleIds,
    List<Evidence> evidence,
    List<String> missingRequirements,
    Severity severity,
    List<String> severityReasons) {
  public TopicScore {
    ruleIds = List.copyOf(ruleIds);
    evidence = List.copyOf(evidence);
    missingRequirements = List.copyOf(missingRequirements);
    severityReasons = List.copyOf(severityReasons);
  }

  /** The score relative to the threshold: 1.0 is just tagged; comparable across topics. */
  public double strength() {
    return threshold > 0 ? score / threshold : score;
  }
}
