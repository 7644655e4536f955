package io.newswatch.enrich.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Computes fingerprints: word shingles of the normalized text, a MinHash signature over them, and
 * LSH band keys. Every hash is fixed (no per-process seed), so signatures are comparable across
 * processes and releases. Thread-safe.
 *
 * <p>The signature is one-permutation MinHash with optimal densification (Shrivastava, ICML 2017):
 * each shingle is hashed once; the top bits of its hash pick one of the {@code numHashes} bins and
 * each bin keeps its minimum; an empty bin borrows the value of a non-empty bin chosen by a fixed
 * probe sequence. Two signatures agree in a bin with probability equal to the Jaccard similarity of
 * the shingle sets, as with {@code numHashes} independent permutations, but the cost is one hash per
 * shingle instead of {@code numHashes} (the old scheme was the largest cost of enrich per article).
 *
 * <p>With b bands of r rows, two articles of Jaccard similarity s share a band key with probability
 * 1 - (1 - s^r)^b; the defaults (32 x 2) give 0.95 at s = 0.3 and 0.99 at s = 0.4, while different
 * stories on the same topic measured at most s = 0.07 (so only about 15% of them become candidates,
 * and the Jaccard check then rejects them).
 */
public final class Fingerprinter {

  private static final long SEED_BASE = 0x6E657773776174L; // "newswat": fixed forever, see class doc
  private static final long[] POSITION_KEYS = {0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L,
      0xD6E8FEB86659FD93L, 0xFF51AFD7ED558CCDL, 0xC4CEB9FE1A85EC53L, 0x27D4EB2F165667C5L, 0x85EBCA77C2B2AE63L};
  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

  private final DedupConfig config;
  /** For each bin, the order in which other bins are tried when it is empty. */
  private final int[][] borrowOrder;

  public Fingerprinter(DedupConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.borrowOrder = new int[config.numHashes()][];
    for (int bin = 0; bin < borrowOrder.length; bin++) {
      borrowOrder[bin] = borrowOrder(bin, config.numHashes());
    }
  }

  /** A fingerprinter with {@link DedupConfig#DEFAULT}. */
  public static Fingerprinter withDefaults() {
    return new Fingerprinter(DedupConfig.DEFAULT);
  }

  public DedupConfig config() {
    return config;
  }

  /** Content hash, signature and band keys of a text (usually title + body). */
  public Fingerprint fingerprint(String text) {
    return fingerprint(DedupText.terms(text));
  }

  /** Content hash, signature and band keys of terms already analyzed by {@link DedupText#terms}. */
  public Fingerprint fingerprint(List<String> terms) {
    MinHashSignature signature = signature(terms);
    return new Fingerprint(ContentHash.ofTerms(terms), signature, bandKeys(signature));
  }

  /** The MinHash signature of a text. */
  public MinHashSignature signature(String text) {
    return signature(DedupText.terms(text));
  }

  /** The MinHash signature of analyzed terms. */
  public MinHashSignature signature(List<String> terms) {
    int n = config.numHashes();
    short[] values = new short[n];
    int k = Math.min(config.shingleSize(), terms.size());
    if (k == 0) {
      Arrays.fill(values, (short) -1);
      return new MinHashSignature(values, true);
    }
    long[] termHashes = new long[terms.size()];
    for (int i = 0; i < termHashes.length; i++) {
      termHashes[i] = termHash(terms.get(i));
    }
    long[] mins = new long[n];
    Arrays.fill(mins, Long.MAX_VALUE);
    for (int i = 0; i + k <= termHashes.length; i++) {
      long h = SEED_BASE;
      for (int j = 0; j < k; j++) {
        h += termHashes[i + j] * POSITION_KEYS[j];
      }
      h = mix(h);
      // The high half picks the bin (multiply-shift: uniform for any n), the low half is the value.
      int bin = (int) (((h >>> 32) * n) >>> 32);
      long value = h & 0xFFFFFFFFL;
      if (value < mins[bin]) {
        mins[bin] = value;
      }
    }
    for (int bin = 0; bin < n; bin++) {
      long v = mins[bin];
      if (v == Long.MAX_VALUE) {
        for (int other : borrowOrder[bin]) {
          if (mins[other] != Long.MAX_VALUE) {
            v = mins[other];
            break;
          }
        }
      }
      // Low bits: uniform even though the minimum itself is small. Mixed with the bin, so that a
      // borrowed value does not agree with the bin it came from by construction.
      values[bin] = (short) mix(v + bin);
    }
    return new MinHashSignature(values, false);
  }

  /**
   * One key per band, e.g. {@code "07:1a2b3c4d5e6f7788"}; two articles are candidates when they
   * share any key. An empty signature has no keys, so it never becomes a candidate.
   */
  public List<String> bandKeys(MinHashSignature signature) {
    if (signature.isEmpty()) {
      return List.of();
    }
    if (signature.size() != config.numHashes()) {
      throw new IllegalArgumentException(
          "signature has " + signature.size() + " hashes, config expects " + config.numHashes());
    }
    List<String> keys = new ArrayList<>(config.bands());
    char[] key = new char[3 + 16];
    key[2] = ':';
    for (int b = 0; b < config.bands(); b++) {
      long h = 0xCBF29CE484222325L ^ b;
      for (int r = 0; r < config.rows(); r++) {
        h = mix(h ^ signature.value(b * config.rows() + r));
      }
      key[0] = (char) ('0' + b / 10 % 10);
      key[1] = (char) ('0' + b % 10);
      for (int i = 0; i < 16; i++) {
        key[3 + i] = HEX_DIGITS[(int) (h >>> (60 - 4 * i)) & 0xF];
      }
      keys.add(new String(key));
    }
    return keys;
  }

  /**
   * The band keys as numbers, for an index on the heap: band {@code b}'s hash is the one in {@link
   * #bandKeys}' key {@code b} (seeded with the band, so equal rows in different bands differ). Empty
   * for an empty signature.
   */
  public long[] bandHashes(MinHashSignature signature) {
    if (signature.isEmpty()) {
      return new long[0];
    }
    if (signature.size() != config.numHashes()) {
      throw new IllegalArgumentException(
          "signature has " + signature.size() + " hashes, config expects " + config.numHashes());
    }
    return bandHashes(signature::value);
  }

  /** The same band hashes from a compact signature (its banded values are whole). */
  public long[] bandHashes(CompactSignature signature) {
    if (signature.isEmpty()) {
      return new long[0];
    }
    if (signature.bandedSize() != config.bands() * config.rows()) {
      throw new IllegalArgumentException("compact signature has " + signature.bandedSize()
          + " whole values, config bands " + config.bands() * config.rows());
    }
    return bandHashes(signature::bandedValue);
  }

  private long[] bandHashes(java.util.function.IntUnaryOperator value) {
    long[] out = new long[config.bands()];
    for (int b = 0; b < out.length; b++) {
      long h = 0xCBF29CE484222325L ^ b;
      for (int r = 0; r < config.rows(); r++) {
        h = mix(h ^ value.applyAsInt(b * config.rows() + r));
      }
      out[b] = h;
    }
    return out;
  }

  /** Whether two signatures are the same story by the configured threshold. */
  public boolean isNearDuplicate(MinHashSignature a, MinHashSignature b) {
    return a.jaccard(b) >= config.threshold();
  }

  /** FNV-1a over the UTF-16 code units: stable across JVMs, unlike String.hashCode's spread. */
  private static long termHash(String term) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < term.length(); i++) {
      h = (h ^ term.charAt(i)) * 0x100000001B3L;
    }
    return mix(h);
  }

  /** A fixed pseudo-random permutation of the other bins: where an empty bin borrows from. */
  private static int[] borrowOrder(int bin, int n) {
    int[] order = new int[n - 1];
    int next = 0;
    for (int b = 0; b < n; b++) {
      if (b != bin) {
        order[next++] = b;
      }
    }
    long state = mix(SEED_BASE ^ bin);
    for (int i = order.length - 1; i > 0; i--) {
      state = mix(state + 0x9E3779B97F4A7C15L);
      int j = (int) Long.remainderUnsigned(state, i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** SplitMix64 finalizer: a fast, well-mixed 64-bit permutation. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
