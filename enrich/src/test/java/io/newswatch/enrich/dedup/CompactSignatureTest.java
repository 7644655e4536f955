package io.newswatch.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.newswatch.enrich.TestFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matcher's compact signature decides the labelled pairs as the whole signature does. */
class CompactSignatureTest {
  private final Fingerprinter fingerprinter = Fingerprinter.withDefaults();

  @Test
  void shouldEstimateLikeTheWholeSignatureAndDecideEveryLabelledPairTheSameWay() {
    List<String[]> pairs = TestFiles.tsv(TestFiles.resource("neardup/pairs.tsv"));
    assertThat(pairs).hasSizeGreaterThanOrEqualTo(20);
    for (String[] pair : pairs) {
      MinHashSignature a = fingerprinter.signature(TestFiles.read(NearDuplicateEvaluationTest.locate(pair[0])));
      MinHashSignature b = fingerprinter.signature(TestFiles.read(NearDuplicateEvaluationTest.locate(pair[1])));
      CompactSignature ca = CompactSignature.of(a, fingerprinter.config());
      CompactSignature cb = CompactSignature.fromBytes(CompactSignature.of(b, fingerprinter.config()).toBytes());
      double whole = a.jaccard(b);
      double compact = ca.jaccard(cb);
      assertThat(compact).as(pair[3]).isCloseTo(whole, within(0.03));
      assertThat(compact >= fingerprinter.config().threshold()).as(pair[3])
          .isEqualTo(whole >= fingerprinter.config().threshold());
      assertThat(fingerprinter.bandHashes(cb)).as("band hashes survive the compact form").isEqualTo(fingerprinter.bandHashes(b));
    }
  }

  @Test
  void shouldStoreADefaultSignatureIn196BytesAndRefuseOtherBytes() {
    CompactSignature c = CompactSignature.of(fingerprinter.signature("one two three four five"), fingerprinter.config());
    assertThat(c.toBytes()).hasSize(196);
    assertThatThrownBy(() -> CompactSignature.fromBytes(fingerprinter.signature("x y z").toBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compact");
  }
}
