package io.newswatch.enrich.dedup;

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
 * Precision and recall of the full near-duplicate path (shared LSH band key, then the Jaccard
 * threshold) on labelled pairs: republished rewrites of the same wire story, and different stories
 * on the same topic, which must never merge.
 */
class NearDuplicateEvaluationTest {

  private static final Logger LOG = LoggerFactory.getLogger(NearDuplicateEvaluationTest.class);

  private final Fingerprinter fingerprinter = Fingerprinter.withDefaults();

  @Test
  void shouldNeverMergeDifferentStoriesAndFindMostRewritesWhenEvaluatingPairs() {
    List<String[]> pairs = TestFiles.tsv(TestFiles.resource("neardup/pairs.tsv"));
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    for (String[] pair : pairs) {
      Fingerprint a = fingerprinter.fingerprint(TestFiles.read(locate(pair[0])));
      Fingerprint b = fingerprinter.fingerprint(TestFiles.read(locate(pair[1])));
      Set<String> shared = new HashSet<>(a.bandKeys());
      shared.retainAll(b.bandKeys());
      double jaccard = a.signature().jaccard(b.signature());
      boolean merged = !shared.isEmpty() && fingerprinter.isNearDuplicate(a.signature(), b.signature());
      boolean same = pair[2].equals("same");
      LOG.info(
          String.format(Locale.ROOT, "pair %-9s jaccard=%.3f sharedBands=%2d merged=%-5s %s",
              pair[2], jaccard, shared.size(), merged, pair[3]));
      if (same && merged) {
        tp++;
      } else if (same) {
        fn++;
      } else if (merged) {
        fp++;
      } else {
        tn++;
      }
    }
    double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    int bytes = fingerprinter.signature("one two three").toBytes().length;
    LOG.info(
        String.format(Locale.ROOT,
            "near-dup eval: tp=%d fp=%d fn=%d tn=%d precision=%.2f recall=%.2f; %d bytes per stored signature, %d band keys per article",
            tp, fp, fn, tn, precision, recall, bytes, DedupConfig.DEFAULT.bands()));
    assertThat(tp + fn).isGreaterThanOrEqualTo(8);
    assertThat(fp + tn).isGreaterThanOrEqualTo(12);
    assertThat(precision).isEqualTo(1.0);
    assertThat(recall).isGreaterThanOrEqualTo(0.85);
    assertThat(bytes).isLessThanOrEqualTo(260);
  }

  static Path locate(String ref) {
    String[] parts = ref.split(":", 2);
    return switch (parts[0]) {
      case "seed" -> TestFiles.seeds().resolve(parts[1]);
      case "eval" -> TestFiles.resource("eval").resolve(parts[1]);
      case "docs" -> TestFiles.resource("neardup/docs").resolve(parts[1]);
      default -> throw new IllegalArgumentException("unknown pair source " + ref);
    };
  }
}
