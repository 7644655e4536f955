package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.enrich.TestFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaxonomyLoaderTest {

  private static TaxonomyLoader.CheckResult broken;

  @BeforeAll
  static void check() {
    broken = TaxonomyLoader.check(TestFiles.resource("taxonomy/with-errors.yaml"));
  }

  /** One topic with one rule: the smallest taxonomy that loads. */
  private static final String ONE_TOPIC = """
      topics:
        - id: t
          threshold: 1
          passageThreshold: 1
          rules:
            - {id: r, weight: 1, terms: {common: [DMZ]}}
      """;

  private static TaxonomyLoader.CheckResult checkInline(String yaml) {
    return TaxonomyLoader.check(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline");
  }

  private static TaxonomyDiagnostic at(int line) {
    return broken.diagnostics().stream().filter(d -> d.line() == line).findFirst()
        .orElseThrow(() -> new AssertionError("no diagnostic at line " + line + " in " + broken.diagnostics()));
  }

  @Test
  void shouldRefuseTheWholeTaxonomyWhenAnyRuleHasAnError() {
    assertThat(broken.ok()).isFalse();
    assertThat(broken.taxonomy()).isNull();
    assertThatThrownBy(() -> TaxonomyLoader.load(TestFiles.resource("taxonomy/with-errors.yaml")))
        .isInstanceOf(TaxonomyException.class)
        .hasMessageContaining("with-errors.yaml:11:5: error: topics[typo_key]: has unknown key 'threshhold'");
  }

  @Test
  void shouldNameFileLineAndSuggestionWhenAKeyIsMisspelt() {
    TaxonomyDiagnostic typo = at(11);
    assertThat(typo.isError()).isTrue();
    assertThat(typo.source()).endsWith("with-errors.yaml");
    assertThat(typo.message()).contains("unknown key 'threshhold'");
    assertThat(typo.suggestion()).isEqualTo("did you mean 'threshold'?");
    assertThat(broken.errors()).anySatisfy(d -> assertThat(d.toString())
        .contains("topics[typo_key].threshold").contains("needs a positive number"));
  }

  @Test
  void shouldSuggestTheClosestVocabularyWhenANameIsUnknown() {
    TaxonomyDiagnostic vocab = at(16);
    assertThat(vocab.message()).contains("uses vocabulary 'bordr', which is not defined");
    assertThat(vocab.suggestion()).isEqualTo("did you mean 'border'?");
    assertThat(vocab.path()).isEqualTo("topics[typo_key].rules[crossing].vocab");
  }

  @Test
  void shouldRejectEmptyTopicsAndRulesThatCanNeverMatch() {
    assertThat(broken.errors()).anySatisfy(d -> {
      assertThat(d.path()).isEqualTo("topics[empty]");
      assertThat(d.message()).contains("is empty");
    });
    assertThat(broken.errors()).anySatisfy(d -> {
      assertThat(d.path()).isEqualTo("topics[unreachable].rules[never]");
      assertThat(d.message()).contains("can never match");
      assertThat(d.line()).isEqualTo(25);
    });
  }

  @Test
  void shouldWarnWithoutFailingWhenARuleCoversOneLanguageOrAVocabularyIsUnused() {
    assertThat(broken.diagnostics()).anySatisfy(d -> {
      assertThat(d.isError()).isFalse();
      assertThat(d.path()).isEqualTo("topics[unreachable].rules[english_only]");
      assertThat(d.message()).contains("can only match en articles");
    });
    assertThat(broken.diagnostics()).anySatisfy(d -> {
      assertThat(d.isError()).isFalse();
      assertThat(d.path()).isEqualTo("vocabulary.unused");
    });
  }

  @Test
  void shouldExplainWhatReplacedARetiredKey() {
    assertThat(at(3).message()).contains("'titleBoost' is no longer supported").contains("lede");
    assertThat(at(36).message()).contains("'required' is no longer supported").contains("zeroed a whole topic");
    assertThat(at(41).message()).contains("'maxHits' is no longer supported");
  }

  @Test
  void shouldReportDuplicateIdsBadRegexBadKindNegativeCoreAndUnknownSeverityTopic() {
    List<String> messages = broken.errors().stream().map(TaxonomyDiagnostic::toString).toList();
    assertThat(messages).anySatisfy(m -> assertThat(m).contains("rules[one]").contains("defined twice"));
    assertThat(messages).anySatisfy(m -> assertThat(m).contains("regex 'troops (' is invalid"));
    assertThat(messages).anySatisfy(m -> assertThat(m).contains("is 'contxt'; use core or context")
        .contains("did you mean 'context'?"));
    assertThat(messages).anySatisfy(m -> assertThat(m).contains("rules[negative_core].weight")
        .contains("a core rule needs a positive weight"));
    assertThat(messages).anySatisfy(m -> assertThat(m).contains("names unknown topic 'dmzz'"));
  }

  @Test
  void shouldFailWithLineWhenFileIsNotYaml() {
    assertThatThrownBy(() -> TaxonomyLoader.load(TestFiles.resource("taxonomy/not-yaml.yaml")))
        .isInstanceOf(TaxonomyException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void shouldLoadTheDefaultTaxonomyWithoutErrorsOrWarnings() {
    TaxonomyLoader.CheckResult defaults = TaxonomyLoader.check(
        TaxonomyLoader.class.getResourceAsStream(TaxonomyLoader.DEFAULT_RESOURCE), "default.yaml");
    assertThat(defaults.diagnostics()).isEmpty();
    assertThat(defaults.taxonomy().topicIds()).containsExactly("dmz", "russia_deployment", "deterrence");
  }

  @Test
  void shouldRefuseAFractionalCountAndAnUnknownFrameVocabulary() {
    TaxonomyLoader.CheckResult result = checkInline("""
        version: "mini"
        scoring:
          ledeTokens: 40
          passingMentionSentences: 20.5
          backgroundFrame: framez
        vocabulary:
          frame: {en: [comes after]}
        """ + ONE_TOPIC);
    assertThat(result.ok()).isFalse();
    assertThat(result.errors()).anySatisfy(d -> {
      assertThat(d.path()).isEqualTo("scoring.passingMentionSentences");
      assertThat(d.message()).contains("must be a whole number, got '20.5'");
    });
    assertThat(result.errors()).anySatisfy(d -> {
      assertThat(d.message()).contains("uses vocabulary 'framez', which is not defined");
      assertThat(d.suggestion()).isEqualTo("did you mean 'frame'?");
    });
  }

  @Test
  void shouldRefuseATopicIdThatSubscriptionsCouldNotName() {
    TaxonomyLoader.CheckResult result = checkInline("""
        version: "mini"
        """ + ONE_TOPIC.replace("- id: t", "- id: \"dmz,zone\""));
    assertThat(result.ok()).isFalse();
    assertThat(result.errors()).anySatisfy(d -> {
      assertThat(d.path()).isEqualTo("topics[dmz,zone].id");
      assertThat(d.message()).contains("must be letters, digits, '_' or '-'");
    });
    assertThat(checkInline("version: \"mini\"\n" + ONE_TOPIC.replace("- id: t", "- id: dmz-zone_2")).ok()).isTrue();
  }

  @Test
  void shouldLoadAMinimalTaxonomyFromAStream() {
    TaxonomyLoader.CheckResult result = checkInline("""
        version: "mini"
        """ + ONE_TOPIC);
    assertThat(result.ok()).as("%s", result.diagnostics()).isTrue();
    assertThat(new TaxonomyTagger(result.taxonomy()).tag(new Document("x", "", "A DMZ incident.", "en")).tags())
        .singleElement().extracting(TopicScore::topic).isEqualTo("t");
  }

  @Test
  void shouldReadASideClauseMarkerWithItsExclusions() {
    TaxonomyLoader.CheckResult result = checkInline("""
        version: "mini"
        scoring:
          backgroundClause:
            vocab: clause
            exclude: {en: [apart from that]}
        vocabulary:
          clause: {en: [apart from]}
        topics:
          - id: t
            threshold: 6
            passageThreshold: 1
            rules:
              - {id: r, weight: 1, terms: {common: [DMZ]}}
        """);
    assertThat(result.ok()).as("%s", result.diagnostics()).isTrue();
    TaxonomyTagger tagger = new TaxonomyTagger(result.taxonomy());
    // After a comma the marker sets the fact aside; its excluded form ("moreover") does not.
    assertThat(tagger.tag(new Document("a", "", "Talks went on, apart from a DMZ incident.", "en")).tags()).isEmpty();
    assertThat(tagger.tag(new Document("b", "", "Talks went on, apart from that a DMZ incident took place.", "en"))
        .tags()).singleElement().extracting(TopicScore::topic).isEqualTo("t");
  }
}
