package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.enrich.TestFiles;
import io.newswatch.schemas.avro.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaxonomyLoaderTest {

  private static TaxonomyLoader.LoadResult result;
  private static TaxonomyTagger tagger;

  @BeforeAll
  static void load() {
    result = TaxonomyLoader.load(TestFiles.resource("taxonomy/with-bad-rules.yaml"));
    tagger = new TaxonomyTagger(result.taxonomy());
  }

  private static TopicScore sample(String title, String body, String lang) {
    return tagger.tag(new Document("t", title, body, lang)).score("sample").orElseThrow();
  }

  @Test
  void shouldReportEachBadRuleWithTopicAndRuleWhenLoading() {
    assertThat(result.errors())
        .extracting(e -> e.topic() + "/" + e.rule())
        .contains(
            "sample/unknown_language", "sample/empty_term", "sample/bad_regex", "sample/typo_key",
            "sample/near_one_group", "sample/missing_vocab", "sample/only_not",
            "bad_requirement/broken_anchor", "no_threshold/", "/vocabulary.broken",
            "/severity.unknown_topic", "/severity.bad_level");
    assertThat(result.errors())
        .filteredOn(e -> e.rule().equals("unknown_language"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("unknown language 'fr'"));
    assertThat(result.errors())
        .filteredOn(e -> e.rule().equals("bad_regex"))
        .singleElement()
        .satisfies(e -> assertThat(e.toString()).contains("topic 'sample'", "troops ("));
    assertThat(result.errors())
        .filteredOn(e -> e.rule().equals("typo_key"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("unknown key 'wieght'"));
  }

  @Test
  void shouldKeepGoodRulesAndSkipBrokenTopicsWhenSomeRulesAreBad() {
    assertThat(result.taxonomy().version()).isEqualTo("test-1");
    assertThat(result.taxonomy().topicIds()).containsExactly("sample");
    TopicScore score = sample("", "Russia sent troops and soldiers; one defected.", "en");
    assertThat(score.ruleIds()).containsExactly("sample.good_army", "sample.good_defection");
  }

  @Test
  void shouldTagOnlyWhenScoreReachesThreshold() {
    TopicScore below = sample("", "Russia moved troops.", "en");
    assertThat(below.score()).isEqualTo(2.0);
    assertThat(below.tagged()).isFalse();
    assertThat(below.severity()).isEqualTo(Severity.UNKNOWN);

    TopicScore at = sample("", "Russia moved troops; a soldier defected.", "en");
    assertThat(at.score()).isEqualTo(4.0);
    assertThat(at.tagged()).isTrue();
    assertThat(at.severity()).isEqualTo(Severity.HIGH);
    assertThat(at.severityReasons()).containsExactly("defection: \"defected\"");
  }

  @Test
  void shouldScoreZeroAndNameTheGapWhenRequirementIsMissing() {
    TopicScore score = sample("", "Troops defected at the border.", "en");
    assertThat(score.score()).isZero();
    assertThat(score.tagged()).isFalse();
    assertThat(score.missingRequirements()).containsExactly("sample.required.place");
  }

  @Test
  void shouldCountTitleMatchesWithBoostAndCapHitsWhenRepeated() {
    TopicScore score = sample("Troops", "Russia: troops, troops, troops.", "en");
    assertThat(score.score()).isEqualTo(4.0); // maxHits 1, found first in the title, boost 2
    assertThat(score.evidence())
        .filteredOn(e -> e.weight() > 0)
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("title"));
  }

  @Test
  void shouldMatchArabicRuleTermsWhenTextHasProcliticsAndInflection() {
    TopicScore score = sample("", "أعلنت لروسيا أن والقوات وصلت، وانشقت مجموعة", "ar");
    assertThat(score.missingRequirements()).isEmpty();
    assertThat(score.ruleIds()).containsExactly("sample.good_army", "sample.good_defection");
    assertThat(score.evidence()).extracting(Evidence::text).contains("لروسيا", "والقوات", "وانشقت");
  }

  @Test
  void shouldIgnoreTermInsideExcludedPhraseWhenCeasefireIsMentioned() {
    assertThat(sample("", "Russia agreed to a ceasefire.", "en").ruleIds()).isEmpty();
    assertThat(sample("", "Russia said troops came under fire.", "en").ruleIds())
        .contains("sample.good_fire");
  }

  @Test
  void shouldFailWithMessageWhenFileIsNotYaml() {
    assertThatThrownBy(() -> TaxonomyLoader.load(TestFiles.resource("taxonomy/not-yaml.yaml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void shouldLoadDefaultTaxonomyWithoutErrors() {
    TaxonomyLoader.LoadResult defaults = TaxonomyLoader.loadDefault();
    assertThat(defaults.errors()).isEmpty();
    assertThat(defaults.taxonomy().topicIds())
        .containsExactly("dmz", "russia_deployment", "deterrence");
  }
}
