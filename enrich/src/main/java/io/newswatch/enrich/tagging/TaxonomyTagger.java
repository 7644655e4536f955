package io.newswatch.enrich.tagging;

import io.newswatch.schemas.avro.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The taxonomy-driven {@link TopicTagger}: analyzes the article once, evaluates every topic's
 * requirements and rules over the token streams, and scores each topic as the sum of its evidence.
 */
public final class TaxonomyTagger implements TopicTagger {

  private final Taxonomy taxonomy;

  public TaxonomyTagger(Taxonomy taxonomy) {
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
  }

  /** A tagger over the bundled default taxonomy; load errors are logged by the loader. */
  public static TaxonomyTagger withDefaultTaxonomy() {
    return new TaxonomyTagger(TaxonomyLoader.loadDefault().taxonomy());
  }

  @Override
  public String taxonomyVersion() {
    return taxonomy.version();
  }

  @Override
  public TaggingResult tag(Document doc) {
    AnalyzedDocument analyzed = new AnalyzedDocument(doc);
    List<TopicScore> scores = new ArrayList<>(taxonomy.topics().size());
    for (TopicDefinition topic : taxonomy.topics()) {
      scores.add(score(topic, analyzed));
    }
    return new TaggingResult(doc.id(), analyzed.language().code(), taxonomy.version(), scores, analyzed.terms());
  }

  private TopicScore score(TopicDefinition topic, AnalyzedDocument doc) {
    List<Evidence> evidence = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Requirement requirement : topic.required()) {
      List<Match> matches = requirement.expr().evaluate(doc);
      if (matches.isEmpty()) {
        missing.add(requirement.id());
      } else {
        matches.stream()
            .min(Match.READING_ORDER)
            .ifPresent(m -> addEvidence(evidence, requirement.id(), m, 0));
      }
    }
    if (!missing.isEmpty()) {
      return new TopicScore(
          topic.id(), 0, topic.threshold(), false, List.of(), List.of(), missing,
          Severity.UNKNOWN, List.of());
    }
    double score = 0;
    Set<String> fired = new LinkedHashSet<>();
    for (Rule rule : topic.rules()) {
      List<Match> matches = new ArrayList<>(rule.expr().evaluate(doc));
      if (matches.isEmpty()) {
        continue;
      }
      fired.add(rule.id());
      matches.sort(Match.READING_ORDER);
      for (Match match : matches.subList(0, Math.min(rule.maxHits(), matches.size()))) {
        double weight = rule.weight() * (Match.inTitle(match) ? taxonomy.titleBoost() : 1);
        score += weight;
        addEvidence(evidence, rule.id(), match, weight);
      }
    }
    score = Math.round(score * 1000) / 1000.0;
    boolean tagged = score >= topic.threshold();
    Severity severity = Severity.UNKNOWN;
    List<String> reasons = new ArrayList<>();
    if (tagged) {
      severity = severity(topic, score, doc, reasons);
    }
    return new TopicScore(
        topic.id(), score, topic.threshold(), tagged, List.copyOf(fired), evidence, missing,
        severity, reasons);
  }

  private Severity severity(
      TopicDefinition topic, double score, AnalyzedDocument doc, List<String> reasons) {
    SeverityPolicy policy = taxonomy.severity();
    Severity level = null;
    for (SeverityRule rule : policy.rules()) {
      if (!rule.appliesTo(topic.id())) {
        continue;
      }
      List<Match> matches = new ArrayList<>(rule.expr().evaluate(doc));
      if (matches.isEmpty()) {
        continue;
      }
      matches.sort(Match.READING_ORDER);
      Span first = matches.get(0).first();
      reasons.add(first == null ? rule.reason() : rule.reason() + ": \"" + first.surface() + "\"");
      if (level == null || rule.level().ordinal() > level.ordinal()) {
        level = rule.level();
      }
    }
    if (level != null) {
      return level;
    }
    if (score >= policy.mediumRatio() * topic.threshold()) {
      reasons.add(
          String.format(
              Locale.ROOT, "score %.2f is at least %.1f x threshold %.2f",
              score, policy.mediumRatio(), topic.threshold()));
      return Severity.MEDIUM;
    }
    reasons.add(String.format(Locale.ROOT, "score %.2f reached threshold %.2f", score, topic.threshold()));
    return Severity.LOW;
  }

  private static void addEvidence(List<Evidence> out, String ruleId, Match match, double weight) {
    boolean firstSpan = true;
    for (Span span : match.spans()) {
      out.add(
          new Evidence(
              ruleId, span.term(), span.surface(), span.field().name(),
              span.startOffset(), span.endOffset(), firstSpan ? weight : 0));
      firstSpan = false;
    }
  }
}
