package io.newswatch.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.enrich.TestFiles;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

  private final Fingerprinter fingerprinter = Fingerprinter.withDefaults();
  private final String seed =
      TestFiles.read(TestFiles.seeds().resolve("002_90e5858541e58d9e.txt"));

  @Test
  void shouldBeDeterministicWhenFingerprintingTwice() {
    Fingerprint a = fingerprinter.fingerprint(seed);
    Fingerprint b = Fingerprinter.withDefaults().fingerprint(seed);
    assertThat(a.signature()).isEqualTo(b.signature());
    assertThat(a.bandKeys()).isEqualTo(b.bandKeys()).hasSize(DedupConfig.DEFAULT.bands());
    assertThat(a.contentHash()).isEqualTo(b.contentHash()).hasSize(64);
    assertThat(a.signature().jaccard(b.signature())).isEqualTo(1.0);
  }

  @Test
  void shouldRoundTripSignatureThroughBytesWhenStored() {
    MinHashSignature signature = fingerprinter.signature(seed);
    byte[] bytes = signature.toBytes();
    assertThat(bytes).hasSize(4 + 2 * DedupConfig.DEFAULT.numHashes());
    MinHashSignature back = MinHashSignature.fromBytes(bytes);
    assertThat(back).isEqualTo(signature);
    assertThat(fingerprinter.bandKeys(back)).isEqualTo(fingerprinter.bandKeys(signature));
  }

  @Test
  void shouldRejectCorruptBytesWithReasonWhenDecoding() {
    byte[] bytes = fingerprinter.signature(seed).toBytes();
    assertThatThrownBy(() -> MinHashSignature.fromBytes(java.util.Arrays.copyOf(bytes, 10)))
        .hasMessageContaining("declares 128 hashes");
    bytes[0] = 9;
    assertThatThrownBy(() -> MinHashSignature.fromBytes(bytes)).hasMessageContaining("format 9");
  }

  @Test
  void shouldGiveSameContentHashWhenTextDiffersOnlyInDiacriticsSpacingAndCase() {
    assertThat(ContentHash.of("الْقُوَّاتُ  الكورية\nفي مــوســكــو"))
        .isEqualTo(ContentHash.of("القوات الكورية في موسكو"));
    assertThat(ContentHash.of("North Korean TROOPS, in Russia."))
        .isEqualTo(ContentHash.of("north korean troops in russia"));
    assertThat(ContentHash.of("troops in Russia")).isNotEqualTo(ContentHash.of("troops in Ukraine"));
  }

  @Test
  void shouldNeverMatchWhenTextIsEmpty() {
    Fingerprint empty = fingerprinter.fingerprint("  ... ");
    assertThat(empty.signature().isEmpty()).isTrue();
    assertThat(empty.bandKeys()).isEmpty();
    assertThat(fingerprinter.isNearDuplicate(empty.signature(), fingerprinter.signature(" ,, ")))
        .isFalse();
  }

  @Test
  void shouldRejectInconsistentConfigWithHowToFix() {
    assertThatThrownBy(() -> new DedupConfig(3, 64, 32, 4, 0.3))
        .hasMessageContaining("bands x rows");
    assertThatThrownBy(() -> new DedupConfig(0, 128, 32, 2, 0.3))
        .hasMessageContaining("shingleSize");
    assertThatThrownBy(() -> new DedupConfig(3, 128, 32, 2, 1.5)).hasMessageContaining("threshold");
  }

  @Test
  void shouldRefuseToCompareSignaturesOfDifferentSizes() {
    MinHashSignature small = new Fingerprinter(new DedupConfig(3, 64, 32, 2, 0.3)).signature(seed);
    assertThatThrownBy(() -> small.jaccard(fingerprinter.signature(seed)))
        .hasMessageContaining("same DedupConfig");
  }
}
