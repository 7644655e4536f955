package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A co-occurrence checks its cheap conditions first; the order never changes what it finds. */
class CooccurExprTest {

  /** A rule keyed on a pattern (the costly kind) with two word conditions around it. */
  private static final Taxonomy TAXONOMY = load("""
      version: "test-1"
      topics:
        - id: t
          threshold: 1
          passageThreshold: 1
          rules:
            - id: r
              weight: 1
              sentence:
                - near: {within: 4, of: [{regex: {common: ['blew\\s+up']}}, {terms: {en: [road]}}]}
                - {terms: {en: [korea]}}
      """);

  private static final CooccurExpr SENTENCE = (CooccurExpr) TAXONOMY.topics().getFirst().rules().getFirst().expr();
  private static final CooccurExpr NEAR = (CooccurExpr) SENTENCE.groups().getFirst();
  private static final RegexExpr PATTERN = (RegexExpr) NEAR.groups().getFirst();

  private static Taxonomy load(String yaml) {
    TaxonomyLoader.CheckResult result =
        TaxonomyLoader.check(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline");
    if (!result.ok()) {
      throw new AssertionError(result.errors().toString());
    }
    return result.taxonomy();
  }

  private static AnalyzedText text(String body) {
    return new AnalyzedText(new Document("x", "", body, "en"), TAXONOMY);
  }

  @Test
  void shouldNotScanForThePatternWhenAWordConditionHasNoMatchInTheArticle() {
    AnalyzedText noKorea = text("Protesters blew up a road near the capital.");
    assertThat(SENTENCE.evaluate(noKorea)).isEmpty();
    assertThat(noKorea.evaluated(PATTERN)).isFalse();

    AnalyzedText noRoad = text("North Korea blew up a bridge.");
    assertThat(SENTENCE.evaluate(noRoad)).isEmpty();
    assertThat(noRoad.evaluated(PATTERN)).isFalse();
  }

  @Test
  void shouldFindNothingWhenTheCheapConditionsHoldAndThePatternDoesNot() {
    AnalyzedText text = text("North Korea closed the road on Tuesday.");
    assertThat(SENTENCE.evaluate(text)).isEmpty();
    assertThat(text.evaluated(PATTERN)).isTrue();
  }

  @Test
  void shouldKeepThePatternAsTheKeyWhenEveryConditionHolds() {
    AnalyzedText text = text("North Korea blew up the road on Tuesday. Nothing else happened.");
    List<Match> matches = SENTENCE.evaluate(text);
    assertThat(text.evaluated(PATTERN)).isTrue();
    assertThat(matches).hasSize(1);
    // The key (first span) is still the pattern's match, "blew up": tokens 2-3; its partners follow.
    Span key = matches.getFirst().key();
    assertThat(text.token(key.from()).term()).isEqualTo("blew");
    assertThat(text.token(key.to()).term()).isEqualTo("up");
    assertThat(matches.getFirst().spans()).extracting(s -> text.token(s.from()).term())
        .containsExactly("blew", "road", "korea");
  }

  @Test
  void shouldCheckWordConditionsBeforeAPatternAndCountCostsUpTheTree() {
    assertThat(PATTERN.cost()).isGreaterThan(NEAR.groups().get(1).cost());
    assertThat(NEAR.cost()).isEqualTo(PATTERN.cost() + NEAR.groups().get(1).cost());
    assertThat(SENTENCE.cost()).isGreaterThan(SENTENCE.groups().get(1).cost());
  }
}
