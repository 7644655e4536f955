package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.dedup.CompactSignature;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.dedup.MinHashSignature;
import io.newswatch.enrich.dedup.SignatureFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The matcher's dedup index keeps signatures in a flat table: the similarities it reports are the
 * signature objects' own, signatures of another shape (format 3) are still compared, and a purge
 * rebuilds the table from itself with the same outcome.
 */
class DedupIndexTest {
  private static final Fingerprinter FP = Fingerprinter.withDefaults();
  private static final long HOUR = 3_600_000L;

  /** {@code n} stories of 150 words, each followed by a copy with every tenth word changed. */
  private static List<String> texts(int n, Random random) {
    String[] vocabulary = new String[3_000];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = "w" + Integer.toString(random.nextInt(1 << 30), 36);
    }
    List<String> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      String[] words = new String[150];
      for (int w = 0; w < words.length; w++) {
        words[w] = vocabulary[random.nextInt(vocabulary.length)];
      }
      out.add(String.join(" ", words));
      for (int w = 0; w < words.length; w += 10) {
        words[w] = vocabulary[random.nextInt(vocabulary.length)];
      }
      out.add(String.join(" ", words));
    }
    return out;
  }

  private static CompactSignature compact(String text) {
    return CompactSignature.of(FP.signature(text), FP.config());
  }

  @Test
  void shouldReportTheSignatureObjectsOwnSimilarityBeforeAndAfterAPurge() {
    List<String> texts = texts(200, new Random(3));
    DedupIndex index = new DedupIndex();
    List<CompactSignature> kept = new ArrayList<>();
    int matched = 0;
    for (int i = 0; i < texts.size(); i++) {
      CompactSignature s = compact(texts.get(i));
      DedupIndex.Match m = index.bestMatch("a" + i, i * HOUR, i, s, FP.bandHashes(s), 1000 * HOUR, 0.3);
      if (i % 2 == 1) { // the copy finds its story's first text, with that text's own estimate
        assertThat(m).as("copy %d", i).isNotNull();
        assertThat(m.original().id()).isEqualTo("a" + (i - 1));
        assertThat(m.similarity()).isEqualTo(s.jaccard(kept.get(i - 1)));
        assertThat(index.signature(m.original()).toBytes()).isEqualTo(kept.get(i - 1).toBytes());
        matched++;
      } else {
        assertThat(m).as("story %d", i).isNull();
      }
      index.remember("a" + i, i * HOUR, i, s, FP.bandHashes(s), "a" + i);
      kept.add(s);
    }
    assertThat(matched).isEqualTo(200);

    // Forget the first half; the rest is rebuilt from the flat table and matches as before.
    List<String> gone = index.expire(200 * HOUR, FP::bandHashes);
    assertThat(gone).hasSize(200);
    for (int i = 201; i < texts.size(); i += 2) {
      CompactSignature again = compact(texts.get(i));
      DedupIndex.Match m = index.bestMatch("b" + i, (i + 1) * HOUR, -i, again, FP.bandHashes(again), 1000 * HOUR, 0.3);
      assertThat(m.original().id()).isIn("a" + i, "a" + (i - 1));
      assertThat(m.similarity()).isEqualTo(again.jaccard(kept.get(Integer.parseInt(m.original().id().substring(1)))));
    }
  }

  @Test
  void shouldCompareSignaturesOfAnotherFormatThatStayOutsideTheFlatTable() {
    List<String> texts = texts(2, new Random(5));
    DedupIndex index = new DedupIndex();
    // A changelog of the previous release restores format 3 (8-bit rest) before any current signature.
    MinHashSignature first = FP.signature(texts.get(0));
    CompactSignature old = CompactSignature.fromBytes(SignatureFormats.format3(first, FP.config()));
    index.remember("old", 0, 1, old, FP.bandHashes(old), "old");
    CompactSignature current = compact(texts.get(2));
    index.remember("new", HOUR, 2, current, FP.bandHashes(current), "new");

    CompactSignature copyOfOld = compact(texts.get(1));
    DedupIndex.Match m = index.bestMatch("probe", 2 * HOUR, 3, copyOfOld, FP.bandHashes(copyOfOld), 1000 * HOUR, 0.3);
    assertThat(m.original().id()).isEqualTo("old");
    assertThat(m.similarity()).isEqualTo(copyOfOld.jaccard(old)).isGreaterThan(0.5);
    CompactSignature copyOfNew = compact(texts.get(3));
    m = index.bestMatch("probe2", 2 * HOUR, 4, copyOfNew, FP.bandHashes(copyOfNew), 1000 * HOUR, 0.3);
    assertThat(m.original().id()).isEqualTo("new");
    assertThat(m.similarity()).isEqualTo(copyOfNew.jaccard(current));
    assertThat(index.signature(index.get("old"))).isSameAs(old);
  }
}
