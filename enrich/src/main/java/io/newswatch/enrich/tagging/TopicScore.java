package io.newswatch.enrich.tagging;

import io.newswatch.schemas.avro.Severity;
import java.util.List;
import java.util.Locale;

/**
 * How one topic scored on one article.
 *
 * <p>{@code score} is the topic's salience (the sum of its evidence weights: every fact, with
 * diminishing returns when it repeats and a bonus in the lede) against {@code threshold};
 * {@code passageScore} is its best single sentence against {@code passageThreshold}. The topic is a
 * tag when either reaches its bar; {@code role} is set for tags. {@code gated} lists the facts that
 * exclusion gates kept out, so "why not" can be answered. Severity is only set for tags (otherwise
 * {@link Severity#UNKNOWN}). {@code passingIn} is the sentence count of the article when the
 * topic's one fact sentence was a passing mention in it (outside the lede of a long article), else 0.
 */
public record TopicScore(
    String topic,
    double score,
    double threshold,
    double passageScore,
    double passageThreshold,
    boolean tagged,
    TagRole role,
    List<String> ruleIds,
    List<Evidence> evidence,
    List<Passage> passages,
    List<GateHit> gated,
    Severity severity,
    List<String> severityReasons,
    int passingIn) {
  public TopicScore {
    ruleIds = List.copyOf(ruleIds);
    evidence = List.copyOf(evidence);
    passages = List.copyOf(passages);
    gated = List.copyOf(gated);
    severityReasons = List.copyOf(severityReasons);
  }

  /** The salience relative to the threshold: 1.0 is a subject just reaching it; comparable across topics. */
  public double strength() {
    return threshold > 0 ? score / threshold : score;
  }

  TopicScore withRole(TagRole newRole) {
    return new TopicScore(topic, score, threshold, passageScore, passageThreshold, tagged, newRole, ruleIds,
        evidence, passages, gated, severity, severityReasons, passingIn);
  }

  /** One line saying why the topic is or is not a tag, with the figures that decided it. */
  public String explanation() {
    String figures = String.format(Locale.ROOT, "salience %.2f (bar %.2f), best passage %.2f (bar %.2f)",
        score, threshold, passageScore, passageThreshold);
    if (tagged) {
      String why = role == TagRole.PRIMARY && score >= threshold ? "the article's subject"
          : score >= threshold ? "salient, but less than the primary topic"
          : "one passage reports a fact of the topic";
      return role + ": " + why + "; " + figures;
    }
    StringBuilder out = new StringBuilder("not tagged: ");
    double against = evidence.stream().filter(e -> e.weight() < 0 && e.passage() < 0).mapToDouble(Evidence::weight).sum();
    if (evidence.isEmpty() && gated.isEmpty()) {
      out.append("no fact of this topic found; ").append(figures);
    } else {
      if (passingIn > 0 && passageScore + Math.min(0, against) >= passageThreshold) {
        out.append(String.format(Locale.ROOT, "a passing mention: the topic's one fact sentence stands outside the lede "
            + "of a %d-sentence article, and its salience is below the bar; ", passingIn)).append(figures);
      } else {
        out.append("below both bars; ").append(figures);
      }
      if (passageScore >= passageThreshold && against < 0) {
        out.append(String.format(Locale.ROOT, "; the article's context counts %.2f against the topic", against));
      }
      if (!passages.isEmpty()) {
        Passage first = passages.getFirst();
        // Passages keep their score; the best passage counts only sentences with a fact outside a background clause.
        out.append(first.score() > passageScore ? "; its facts stand in a background clause only: \"" : "; best passage: \"")
            .append(shorten(first.text())).append('"');
      }
    }
    for (GateHit hit : gated) {
      out.append("; gate '").append(hit.gate()).append("' kept ").append(hit.ruleId()).append(" out of \"")
          .append(shorten(hit.text())).append('"');
    }
    return out.toString();
  }

  private static String shorten(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
