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
      // 64 values kept as 4 bits agree by chance once in 16: at J near 0.4 that adds about 0.013 of standard
      // deviation to the estimate (0.003 with 8 bits); 0.04 is three of them.
      assertThat(compact).as(pair[3]).isCloseTo(whole, within(0.04));
      assertThat(compact >= fingerprinter.config().threshold()).as(pair[3])
          .isEqualTo(whole >= fingerprinter.config().threshold());
      assertThat(fingerprinter.bandHashes(cb)).as("band hashes survive the compact form").isEqualTo(fingerprinter.bandHashes(b));
    }
  }

  @Test
  void shouldStoreADefaultSignatureIn164BytesAndRefuseOtherBytes() {
    CompactSignature c = CompactSignature.of(fingerprinter.signature("one two three four five"), fingerprinter.config());
    assertThat(c.toBytes()).hasSize(164);
    assertThatThrownBy(() -> CompactSignature.fromBytes(fingerprinter.signature("x y z").toBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compact");
    byte[] cut = java.util.Arrays.copyOf(c.toBytes(), 163);
    assertThatThrownBy(() -> CompactSignature.fromBytes(cut)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("163 bytes");
  }

  @Test
  void shouldReadTheEarlier8BitFormatAndCompareItWithTheCurrentOne() {
    List<String[]> pairs = TestFiles.tsv(TestFiles.resource("neardup/pairs.tsv"));
    for (String[] pair : pairs) {
      MinHashSignature a = fingerprinter.signature(TestFiles.read(NearDuplicateEvaluationTest.locate(pair[0])));
      MinHashSignature b = fingerprinter.signature(TestFiles.read(NearDuplicateEvaluationTest.locate(pair[1])));
      // A changelog written by the previous release holds format 3: banded values whole, the rest as 8 bits.
      CompactSignature old = CompactSignature.fromBytes(SignatureFormats.format3(a, fingerprinter.config()));
      CompactSignature current = CompactSignature.fromBytes(CompactSignature.of(b, fingerprinter.config()).toBytes());
      CompactSignature currentOfA = CompactSignature.of(a, fingerprinter.config());
      assertThat(old.jaccard(current)).as(pair[3]).isEqualTo(currentOfA.jaccard(current));
      assertThat(current.jaccard(old)).as(pair[3]).isEqualTo(currentOfA.jaccard(current));
      assertThat(fingerprinter.bandHashes(old)).isEqualTo(fingerprinter.bandHashes(a));
    }
  }

  @Test
  void shouldCountEqualValuesWordByWordAsOneByOneForAnyShape() {
    // Shapes whose values do not fill the last packed word (7 banded, 5 rest...) and near-equal pairs.
    java.util.Random random = new java.util.Random(11);
    for (int n = 0; n < 2_000; n++) {
      int whole = 1 + random.nextInt(70);
      int low = random.nextInt(70);
      int[] banded = new int[whole];
      int[] rest = new int[low];
      int[] otherBanded = new int[whole];
      int[] otherRest = new int[low];
      for (int i = 0; i < whole; i++) {
        banded[i] = random.nextInt(1 << 16);
        otherBanded[i] = random.nextBoolean() ? banded[i] : random.nextInt(1 << 16);
      }
      for (int i = 0; i < low; i++) {
        rest[i] = random.nextInt(16);
        otherRest[i] = random.nextBoolean() ? rest[i] : random.nextInt(16);
      }
      CompactSignature a = CompactSignature.fromBytes(format4(banded, rest));
      CompactSignature b = CompactSignature.fromBytes(format4(otherBanded, otherRest));
      int same = 0;
      for (int i = 0; i < whole; i++) {
        same += banded[i] == otherBanded[i] ? 1 : 0;
      }
      double estimate = same;
      if (low > 0) {
        int sameLow = 0;
        for (int i = 0; i < low; i++) {
          sameLow += rest[i] == otherRest[i] ? 1 : 0;
        }
        estimate += Math.max(0, ((double) sameLow / low - 1 / 16.0) / (1 - 1 / 16.0)) * low;
      }
      assertThat(a.jaccard(b)).as("%d + %d values", whole, low).isEqualTo(estimate / (whole + low));
      assertThat(a.jaccard(a)).isEqualTo(1.0);
      assertThat(CompactSignature.fromBytes(a.toBytes()).toBytes()).isEqualTo(a.toBytes());
      // The packed words at an offset in a shared table compare as the object does, and read back.
      long[] table = new long[3 + b.packedLength()];
      b.copyWords(table, 3);
      assertThat(a.packedShape()).isEqualTo(b.packedShape()).isEqualTo(whole << 16 | low);
      assertThat(a.jaccard(table, 3)).isEqualTo(a.jaccard(b));
      assertThat(CompactSignature.fromWords(table, 3, b.packedShape()).toBytes()).isEqualTo(b.toBytes());
    }
  }

  /** Format 4 bytes, built from its definition: header, banded values as 16 bits, the rest two to a byte. */
  private static byte[] format4(int[] banded, int[] rest) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 2 * banded.length + (rest.length + 1) / 2);
    b.put((byte) 4).put((byte) 0).put((byte) banded.length).put((byte) rest.length);
    for (int v : banded) {
      b.putShort((short) v);
    }
    for (int i = 0; i < rest.length; i += 2) {
      b.put((byte) (rest[i] << 4 | (i + 1 < rest.length ? rest[i + 1] : 0)));
    }
    return b.array();
  }
}
