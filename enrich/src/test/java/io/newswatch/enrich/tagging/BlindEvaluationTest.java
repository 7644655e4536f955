package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primary-topic accuracy on a blind set (eval-blind/ar and eval-blind/en, labels in the seeds'
 * format): 36 long articles per language with page debris, written by someone who never saw the
 * taxonomy, in the styles of Arabic and English outlets, including mixed stories and hard
 * negatives. It guards generalisation: a rule tuned to one sample cannot move these figures much.
 */
class BlindEvaluationTest {

  private static final Logger LOG = LoggerFactory.getLogger(BlindEvaluationTest.class);
  /** Primary topic right (or no tag on a negative). */
  private static final double ACCURACY_FLOOR = 0.9;
  /** Tags that are neither the primary nor an acceptable secondary topic, per article. */
  private static final double UNEXPECTED_TAGS_CEILING = 0.15;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ar", "en"})
  void shouldFindThePrimaryTopicWhenTaggingArticlesWrittenWithoutSeeingTheRules(String lang) {
    TaxonomyTagger tagger = TaxonomyTagger.withDefaultTaxonomy();
    Path dir = TestFiles.resource("eval-blind/" + lang);
    List<String[]> rows = TestFiles.tsv(dir.resolve("labels.tsv"));
    assertThat(rows).hasSizeGreaterThanOrEqualTo(30);
    int right = 0;
    int unexpected = 0;
    List<String> misses = new ArrayList<>();
    for (String[] row : rows) {
      String expected = row[2];
      String acceptable = row[3];
      TaggingResult result = tagger.tag(TestFiles.document(dir.resolve(row[0])));
      assertThat(result.language()).as("language of %s", row[0]).isEqualTo(lang);
      String primary = result.primary().map(TopicScore::topic).orElse("-");
      if (primary.equals(expected)) {
        right++;
      } else {
        misses.add(row[0] + " expected " + expected + " got " + primary);
      }
      unexpected += (int) result.tags().stream()
          .map(TopicScore::topic)
          .filter(t -> !t.equals(expected) && !t.equals(acceptable))
          .count();
    }
    double accuracy = (double) right / rows.size();
    LOG.info(String.format(Locale.ROOT, "blind %s: primary right %d/%d (%.2f), unexpected tags %d; misses %s",
        lang, right, rows.size(), accuracy, unexpected, misses));
    assertThat(accuracy).as("primary-topic accuracy on the blind %s set; misses: %s", lang, misses)
        .isGreaterThanOrEqualTo(ACCURACY_FLOOR);
    assertThat((double) unexpected / rows.size()).as("unexpected tags per article on the blind %s set", lang)
        .isLessThanOrEqualTo(UNEXPECTED_TAGS_CEILING);
  }
}
