package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void shouldSayWhichGateKeptAForeignRecruitStorysComparisonOutOfTheDeployment() {
    for (String file : List.of("en_foreign_recruits_comparison.txt", "ar_foreign_recruits_comparison.txt")) {
      TopicScore russia = tag(file).score("russia_deployment").orElseThrow();
      assertThat(russia.tagged()).as(file).isFalse();
      assertThat(russia.gated()).as(file).isNotEmpty()
          .allSatisfy(g -> assertThat(g.gate()).isEqualTo("foreign_recruits"));
    }
    // The same gate leaves an article about North Korea's soldiers its own sentences.
    assertThat(tag("en_nk_troops_with_recruits_line.txt").score("russia_deployment").orElseThrow().tagged()).isTrue();
  }

  @Test
  void shouldCallOneFactSentenceDeepInALongArticleAPassingMentionUnlessTheRuleIsOff() throws IOException {
    TopicScore russia = tag("en_passing_mention_long.txt").score("russia_deployment").orElseThrow();
    assertThat(russia.tagged()).isFalse();
    assertThat(russia.passageScore()).isGreaterThanOrEqualTo(russia.passageThreshold());
    assertThat(russia.explanation()).contains("a passing mention").containsPattern("of a 2\\d-sentence article");

    // passingMentionSentences: 0 turns the rule off, and the same sentence tags as one passage.
    String yaml;
    try (InputStream in = TaxonomyLoader.class.getResourceAsStream(TaxonomyLoader.DEFAULT_RESOURCE)) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(yaml).contains("passingMentionSentences: 20");
    TaxonomyLoader.CheckResult off = TaxonomyLoader.check(
        new ByteArrayInputStream(yaml.replace("passingMentionSentences: 20", "passingMentionSentences: 0")
            .getBytes(StandardCharsets.UTF_8)), "off");
    assertThat(off.ok()).as("%s", off.diagnostics()).isTrue();
    TopicScore withoutRule = new TaxonomyTagger(off.taxonomy())
        .tag(TestFiles.document(DIR.resolve("en_passing_mention_long.txt"))).score("russia_deployment").orElseThrow();
    assertThat(withoutRule.tagged()).isTrue();
  }

  @Test
  void shouldTakeAFactAnInterviewerStatesBeforeAskingAboutItForASectionNotAPassingMention(@TempDir Path tmp)
      throws IOException {
    Path file = DIR.resolve("en_interview_question_section.txt");
    TopicScore asked = tag("en_interview_question_section.txt").score("russia_deployment").orElseThrow();
    assertThat(asked.tagged()).isTrue();
    assertThat(asked.role()).isEqualTo(TagRole.SECONDARY);

    // The same fact without the question after it is one sentence deep in a long page: a passing mention.
    String text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).contains(" What does that mean for us?");
    String withoutQuestion = text.replace(" What does that mean for us?", "");
    Path statedFile = java.nio.file.Files.writeString(tmp.resolve("stated.txt"), withoutQuestion);
    TopicScore stated = TAGGER.tag(TestFiles.document(statedFile)).score("russia_deployment").orElseThrow();
    assertThat(stated.tagged()).isFalse();
    assertThat(stated.explanation()).contains("a passing mention");

    // A line that is itself the question (a reader's comment, a linked headline) opens no section.
    String headline = text.replace(" What does that mean for us?", "")
        .replace("sent to fight in the Kursk region.", "sent to fight in the Kursk region: what do we know?");
    Path linkedFile = java.nio.file.Files.writeString(tmp.resolve("linked.txt"), headline);
    TopicScore linked = TAGGER.tag(TestFiles.document(linkedFile)).score("russia_deployment").orElseThrow();
    assertThat(linked.tagged()).isFalse();
  }

  @Test
  void shouldNotTagASentenceWhoseFactsAllStandInABackgroundClause() {
    for (String file : List.of("ar_background_many_facts.txt", "en_background_many_facts.txt")) {
      TopicScore russia = tag(file).score("russia_deployment").orElseThrow();
      assertThat(russia.tagged()).as(file).isFalse();
      // The clause holds several rules: even at half weight its sentence scores above the passage bar.
      assertThat(russia.passages()).as(file).isNotEmpty()
          .allSatisfy(p -> assertThat(p.score()).isGreaterThanOrEqualTo(russia.passageThreshold()));
      assertThat(russia.passageScore()).as(file).isZero();
      assertThat(russia.explanation()).as(file).contains("its facts stand in a background clause only");
    }
  }
}
