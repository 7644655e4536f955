package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.TestFiles;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Precision and recall per topic on hand-written articles (eval/labels.tsv): positives for each
 * topic in Arabic and English, and hard negatives (K-pop, Korean economy, Kursk without North
 * Korea, the DMZ as a tourist site or wildlife haven). A tag on an "acceptable" topic is neither a
 * hit nor a false positive.
 */
class EvaluationTest {

  private static final Logger LOG = LoggerFactory.getLogger(EvaluationTest.class);
  private static final double PRECISION_FLOOR = 0.9;
  private static final double RECALL_FLOOR = 0.85;

  @Test
  void shouldMeetPrecisionAndRecallFloorsWhenTaggingEvaluationSet() {
    TaxonomyTagger tagger = TaxonomyTagger.withDefaultTaxonomy();
    Path dir = TestFiles.resource("eval");
    List<String[]> rows = TestFiles.tsv(dir.resolve("labels.tsv"));
    assertThat(rows).hasSizeGreaterThanOrEqualTo(30);
    for (String topic : tagger.tag(new Document("probe", "", "", "en")).scores().stream()
        .map(TopicScore::topic).toList()) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (String[] row : rows) {
        Set<String> expected = split(row[1]);
        Set<String> acceptable = split(row[2]);
        Set<String> tags = new HashSet<>();
        tagger.tag(TestFiles.document(dir.resolve(row[0]))).tags()
            .forEach(t -> tags.add(t.topic()));
        boolean tagged = tags.contains(topic);
        if (expected.contains(topic)) {
          if (tagged) {
            tp++;
          } else {
            fn++;
            LOG.info("missed {} on {}", topic, row[0]);
          }
        } else if (tagged && !acceptable.contains(topic)) {
          fp++;
          LOG.info("false {} on {}", topic, row[0]);
        }
      }
      double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
      double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
      LOG.info(
          String.format(Locale.ROOT, "eval %-18s tp=%d fp=%d fn=%d precision=%.2f recall=%.2f",
              topic, tp, fp, fn, precision, recall));
      assertThat(tp + fn).as("positives for %s", topic).isGreaterThanOrEqualTo(8);
      assertThat(precision).as("precision of %s", topic).isGreaterThanOrEqualTo(PRECISION_FLOOR);
      assertThat(recall).as("recall of %s", topic).isGreaterThanOrEqualTo(RECALL_FLOOR);
    }
  }

  private static Set<String> split(String cell) {
    return cell.equals("-") ? Set.of() : Set.of(cell.split(","));
  }
}
