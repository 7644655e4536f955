package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.TestFiles;
import io.newswatch.schemas.avro.Severity;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** How a topic scores, on the small taxonomy in taxonomy/sample.yaml. */
class TaggingScoringTest {

  private static final TaxonomyTagger TAGGER =
      new TaxonomyTagger(TaxonomyLoader.load(TestFiles.resource("taxonomy/sample.yaml")));

  private static TopicScore sample(String title, String body) {
    return TAGGER.tag(new Document("t", title, body, "en")).score("sample").orElseThrow();
  }

  @Test
  void shouldTagAsSecondaryWhenOneSentenceReportsAFactOfAnotherwiseUnrelatedArticle() {
    TopicScore score = sample("", "The weather was mild across the region for most of the week. Markets rose on "
        + "Monday. Officials said troops were moved to Russia last week. Farmers expect a good harvest.");
    assertThat(score.passageScore()).isEqualTo(4.0); // the fact (3) and its context (1)
    assertThat(score.score()).isLessThan(score.threshold());
    assertThat(score.tagged()).isTrue();
    assertThat(score.role()).isEqualTo(TagRole.PRIMARY); // the only tag is the primary one
    assertThat(score.passages()).singleElement()
        .satisfies(p -> assertThat(p.text()).isEqualTo("Officials said troops were moved to Russia last week."));
  }

  @Test
  void shouldNeverTagOnContextAlone() {
    TopicScore score = sample("", "Russia. Russia again. Russia, Russia and Russia.");
    assertThat(score.passageScore()).isZero();
    assertThat(score.score()).isZero();
    assertThat(score.tagged()).isFalse();
    assertThat(score.evidence()).isEmpty();
    assertThat(score.explanation()).contains("no fact of this topic found");
  }

  @Test
  void shouldNotLetOneConditionZeroTheTopicWhenAnotherFactHolds() {
    // No "army in place" anywhere, yet the defection and the treaty still count.
    TopicScore score = sample("", "A soldier defected. They signed a treaty.");
    assertThat(score.score()).isGreaterThan(0);
    assertThat(score.ruleIds()).containsExactlyInAnyOrder("sample.defection", "sample.treaty");
  }

  @Test
  void shouldCountOverlappingPhrasesOnceWhenRulesShareTheSameWords() {
    TopicScore score = sample("", "They signed a mutual defence treaty.");
    assertThat(score.ruleIds()).containsExactly("sample.pact");
    assertThat(score.passageScore()).isEqualTo(3.0);
  }

  @Test
  void shouldKeepTheSameSentenceFromCountingARuleTwice() {
    assertThat(sample("", "Troops went to Russia and soldiers went to Russia too.").passageScore())
        .isEqualTo(4.0);
  }

  @Test
  void shouldGiveDiminishingReturnsInsteadOfACapWhenAFactRepeats() {
    String one = "Troops were sent to Russia.";
    double once = sample("", "Intro words here to pass the lede and more words and more words. " + one).score();
    double twice = sample("", "Intro words here to pass the lede and more words and more words. " + one
        + " Soldiers arrived in Russia.").score();
    double thrice = sample("", "Intro words here to pass the lede and more words and more words. " + one
        + " Soldiers arrived in Russia. More troops reached Russia.").score();
    assertThat(twice - once).isCloseTo(once / 2, Offset.offset(0.01));
    assertThat(thrice - twice).isCloseTo(once / 3, Offset.offset(0.01));
  }

  @Test
  void shouldScoreTheSameWithOrWithoutAHeadlineThatRepeatsTheLede() {
    String body = "Troops were sent to Russia on Monday. A soldier defected later. Nothing else happened.";
    TopicScore with = sample("Troops sent to Russia", body);
    TopicScore without = sample("", body);
    assertThat(with.tagged()).isEqualTo(without.tagged()).isTrue();
    assertThat(with.score()).isEqualTo(without.score());
    assertThat(with.passageScore()).isEqualTo(without.passageScore());
  }

  @Test
  void shouldCountARepeatedSentenceOnce() {
    String sentence = "Troops were sent to Russia on Monday.";
    assertThat(sample("", sentence + "\n" + sentence).score()).isEqualTo(sample("", sentence).score());
  }

  @Test
  void shouldHalveAFactInABackgroundClause() {
    TopicScore background = sample("", "The talks went on for hours amid reports that troops were sent to Russia.");
    // The sentence scores 3 x 0.5 plus the place context, but with no fact outside its background
    // clause it is no passage of the topic.
    assertThat(background.passages()).singleElement().extracting(Passage::score).isEqualTo(2.5);
    assertThat(background.passageScore()).isZero();
    assertThat(background.tagged()).isFalse();
    TopicScore opening = sample("", "Amid the war, troops were sent to Russia.");
    assertThat(opening.passageScore()).isEqualTo(4.0);
  }

  @Test
  void shouldReadWhatFollowsAFrameAsBackgroundEvenWhenTheFrameOpensTheSentence() {
    // "Amid" opening a sentence frames its main clause, which is news; "This comes after" has no
    // main clause of news after it, so it opens background where it stands.
    TopicScore frame = sample("", "This comes after troops were sent to Russia.");
    assertThat(frame.passageScore()).isZero();
    assertThat(frame.tagged()).isFalse();
    TopicScore apart = sample("", "It follows the reports that troops were sent to Russia.");
    assertThat(apart.passageScore()).isZero();
    // Facts before the frame stay news.
    TopicScore before = sample("", "Troops were sent to Russia, and this comes after talks.");
    assertThat(before.passageScore()).isEqualTo(4.0);
    assertThat(sample("", "Amid the war, troops were sent to Russia.").passageScore()).isEqualTo(4.0);
  }

  @Test
  void shouldOpenASideClauseOnlyRightAfterAComma() {
    // "Families, whose sons ..." is a side clause; "families whose sons ..." is what the sentence says.
    assertThat(sample("", "The talks ended, whose troops were sent to Russia.").passageScore()).isZero();
    assertThat(sample("", "The families whose troops were sent to Russia wept.").passageScore()).isEqualTo(4.0);
  }

  @Test
  void shouldReadAMatchAsBackgroundWhenAnyOfItsWordsStandsPastTheMarker() {
    // The key ("troops") stands before "amid", its partner ("Russia") only after it.
    TopicScore straddling = sample("", "Troops were sent home by the ministry amid reports from Russia.");
    assertThat(straddling.passageScore()).isZero();
    assertThat(straddling.tagged()).isFalse();
  }

  @Test
  void shouldKeepFactsOutOfAGatedSentenceAndSayWhy() {
    TopicScore gated = sample("", "A soldier defected by boat.");
    assertThat(gated.tagged()).isFalse();
    assertThat(gated.gated()).singleElement().satisfies(g -> {
      assertThat(g.gate()).isEqualTo("sea");
      assertThat(g.ruleId()).isEqualTo("sample.defection");
    });
    assertThat(gated.explanation()).contains("gate 'sea' kept sample.defection out");
    assertThat(sample("", "A soldier defected across the land border, not by boat.").ruleIds())
        .contains("sample.defection");
  }

  @Test
  void shouldLowerTheSalienceWhenNegativeContextSurrounds() {
    double plain = sample("", "Troops were sent to Russia.").score();
    double withTourists = sample("", "Troops were sent to Russia. Tourists came. Tourists left.").score();
    assertThat(withTourists).isLessThan(plain);
  }

  @Test
  void shouldMakeTheScoreTheSumOfTheEvidenceWeights() {
    TopicScore score = sample("Troops in Russia", "Troops were sent to Russia. A soldier defected. Tourists came.");
    assertThat(score.evidence().stream().mapToDouble(Evidence::weight).sum())
        .isCloseTo(score.score(), Offset.offset(0.01));
  }

  @Test
  void shouldRaiseSeverityOnlyFromASentenceThatHoldsAFact() {
    assertThat(sample("", "A soldier defected. Troops were sent to Russia.").severity()).isEqualTo(Severity.HIGH);
    TopicScore gatedDefection = sample("", "Troops were sent to Russia. A soldier defected by boat.");
    assertThat(gatedDefection.severity()).isNotEqualTo(Severity.HIGH);
  }

  @Test
  void shouldIgnoreATermInsideAnExcludedPhrase() {
    assertThat(sample("", "Russia agreed to a ceasefire.").ruleIds()).isEmpty();
    assertThat(sample("", "Troops came under fire.").ruleIds()).contains("sample.fire");
  }
}
