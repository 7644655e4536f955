package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One or more short articles, written for these tests, per class of error real pages showed
 * (tagging-classes/labels.tsv names the class): a secondary topic in one passage, lexicon gaps,
 * uncredited subjects, keyword traps, background mentions adding up, Arabic morphology and spelling.
 * Every article must get exactly its labelled topics.
 */
class FailureClassesTest {

  private static final TaxonomyTagger TAGGER = TaxonomyTagger.withDefaultTaxonomy();
  private static final Path DIR = TestFiles.resource("tagging-classes");

  private static TaggingResult tag(String file) {
    return TAGGER.tag(TestFiles.document(DIR.resolve(file)));
  }

  @Test
  void shouldTagEveryClassArticleWithExactlyItsLabelledTopics() {
    List<TaggingEvaluation.Outcome> outcomes = new ArrayList<>();
    for (TaggingEvaluation.Gold gold : TaggingEvaluation.readLabels(DIR.resolve("labels.tsv"))) {
      outcomes.add(new TaggingEvaluation.Outcome(gold, tag(gold.file()), null));
    }
    TaggingEvaluation.Report report = TaggingEvaluation.evaluate(TAGGER.topicIds(), outcomes);
    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(17);
    assertThat(report.errors()).as(report.format()).isEmpty();
  }

  @Test
  void shouldTagAPassageOfAnotherTopicAsSecondaryWithItsPassage() {
    TaggingResult result = tag("en_secondary_border_in_alliance.txt");
    TopicScore dmz = result.score("dmz").orElseThrow();
    assertThat(dmz.tagged()).isTrue();
    assertThat(dmz.passages().getFirst().text()).contains("crossed the Military Demarcation Line");

    TaggingResult summit = tag("ar_secondary_deployment_in_summit.txt");
    assertThat(summit.score("russia_deployment").orElseThrow().passages().getFirst().text()).contains("أرسلت");
  }

  @Test
  void shouldCountOneTreatyPhraseOnce() {
    TopicScore russia = tag("en_treaty_once.txt").score("russia_deployment").orElseThrow();
    assertThat(russia.evidence()).filteredOn(e -> e.text().contains("treaty") || e.text().contains("defence"))
        .hasSize(1);
  }

  @Test
  void shouldMatchArabicWordsWithPossessivesTanweenAndCliticsAtTheirSurface() {
    TopicScore russia = tag("ar_morphology.txt").score("russia_deployment").orElseThrow();
    assertThat(russia.evidence()).extracting(Evidence::text).contains("جنودها", "وبصواريخها", "جندياً");
  }

  @Test
  void shouldSayWhichGateKeptASeaCrossingOutOfTheDmz() {
    TopicScore dmz = tag("en_sea_defection.txt").score("dmz").orElseThrow();
    assertThat(dmz.tagged()).isFalse();
    assertThat(dmz.gated()).isNotEmpty().allSatisfy(g -> assertThat(g.gate()).isEqualTo("maritime"));
    assertThat(dmz.explanation()).contains("gate 'maritime'");
  }
}
