package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggingEvaluationTest {

  private static final TaxonomyTagger TAGGER = TaxonomyTagger.withDefaultTaxonomy();

  @TempDir
  Path dir;

  private static TaggingResult tag(String text) {
    return TAGGER.tag(new Document("x", "", text, "en"));
  }

  @Test
  void shouldCountTruePositivesFalsePositivesAndMissesPerTopicAndLanguage() throws Exception {
    Files.writeString(dir.resolve("labels.tsv"), """
        file	lang	topics	near_dup_group	source_url	notes
        a.txt	en	dmz	-	-	[clear] shots at the MDL
        b.txt	en	none	-	-	[hardneg] nothing
        c.txt	en	deterrence	-	-	[clear] labelled but not there
        """);
    List<TaggingEvaluation.Gold> gold = TaggingEvaluation.readLabels(dir.resolve("labels.tsv"));
    TaggingResult shots = tag("South Korean soldiers fired warning shots after North Korean troops crossed the MDL.");
    TaggingResult nothing = tag("The weather in Seoul was mild.");
    TaggingEvaluation.Report report = TaggingEvaluation.evaluate(TAGGER.topicIds(), List.of(
        new TaggingEvaluation.Outcome(gold.get(0), shots, null),
        new TaggingEvaluation.Outcome(gold.get(1), shots, null),
        new TaggingEvaluation.Outcome(gold.get(2), nothing, null)));

    TaggingEvaluation.LanguageFigures en = report.figures("en");
    assertThat(en.perTopic().get("dmz")).isEqualTo(new TaggingEvaluation.Counts(1, 1, 0));
    assertThat(en.perTopic().get("deterrence")).isEqualTo(new TaggingEvaluation.Counts(0, 0, 1));
    assertThat(en.perTopic().get("dmz").f1()).isEqualTo(2 * 0.5 / 1.5);
    assertThat(en.primaryRight()).isEqualTo(1);
    assertThat(report.errors()).hasSize(2);
    assertThat(report.errors().get(1)).contains("c.txt (en): labelled deterrence, tagged nothing")
        .contains("missed deterrence: not tagged");
    assertThat(report.format()).contains("en (3 articles): macro F1").contains("errors: 2");
  }

  @Test
  void shouldReadThePrimaryTopicFormatWithAcceptableSecondaryTopics() throws Exception {
    Files.writeString(dir.resolve("labels.tsv"), """
        file	lang	primary_topic	also_acceptable	notes
        a.txt	en	deterrence	dmz	SSBN visit
        """);
    TaggingEvaluation.Gold gold = TaggingEvaluation.readLabels(dir.resolve("labels.tsv")).getFirst();
    assertThat(gold.primary()).isEqualTo("deterrence");
    assertThat(gold.acceptable()).containsExactly("dmz");
    TaggingResult result = tag("A U.S. ballistic missile submarine arrived in South Korea for a port call under the "
        + "Washington Declaration. North Korean soldiers crossed the MDL on the same day.");
    TaggingEvaluation.Report report = TaggingEvaluation.evaluate(TAGGER.topicIds(),
        List.of(new TaggingEvaluation.Outcome(gold, result, null)));
    assertThat(report.figures(TaggingEvaluation.ALL).perTopic().get("dmz").fp()).isZero();
    assertThat(report.errors()).isEmpty();
  }
}
