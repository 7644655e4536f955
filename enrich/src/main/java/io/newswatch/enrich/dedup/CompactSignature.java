package io.newswatch.enrich.dedup;

import java.nio.ByteBuffer;

/**
 * A MinHash signature as the dedup matcher remembers it: the banded values (the first {@code
 * bands × rows}) as 16 bits, so band keys can be computed again from it, and the rest cut to their
 * low 4 bits (b-bit MinHash), two to a byte. Two cut values of different minima agree by chance once
 * in 16; the estimate takes that out. With the defaults (128 values, 64 banded) it is 164 bytes
 * instead of 260; its estimate stays within about 0.03 of the whole signature's and decides every
 * labelled pair the same way (see CompactSignatureTest).
 *
 * <p>Format 3, written before, kept the rest as 8 bits. It is still read (a changelog written by it
 * restores), and a signature of either format compares with one of the other on the 4 bits both
 * hold.
 */
public final class CompactSignature {
  /** The format written: 4-bit rest, packed. */
  private static final byte FORMAT = 4;
  /** The previous format, read only: 8-bit rest. */
  private static final byte FORMAT_8_BIT = 3;
  private static final int BITS = 4;
  private static final int MASK = (1 << BITS) - 1;

  /** 16-bit lanes, four to a word. */
  private static final long LANES_16 = 0x7FFF_7FFF_7FFF_7FFFL;
  /** 4-bit lanes, sixteen to a word. */
  private static final long LANES_4 = 0x7777_7777_7777_7777L;

  /**
   * The banded values, four 16-bit lanes to a long, and the rest, {@code 64 / bits} lanes to a long:
   * packed, so that {@link #jaccard} compares a word of lanes at a time (the matcher compares a probe
   * with up to thousands of remembered signatures). Unused lanes of the last word are zero.
   */
  private final long[] banded;
  private final int bandedSize;
  private final long[] rest;
  private final int restSize;
  private final int bits;
  private final boolean empty;

  private CompactSignature(int[] bandedValues, int[] restValues, int bits, boolean empty) {
    this.bandedSize = bandedValues.length;
    this.banded = pack(bandedValues, 16);
    this.restSize = restValues.length;
    this.rest = pack(restValues, bits);
    this.bits = bits;
    this.empty = empty;
  }

  private CompactSignature(long[] banded, int bandedSize, long[] rest, int restSize) {
    this.banded = banded;
    this.bandedSize = bandedSize;
    this.rest = rest;
    this.restSize = restSize;
    this.bits = BITS;
    this.empty = false;
  }

  private static long[] pack(int[] values, int bits) {
    int perWord = 64 / bits;
    long[] words = new long[(values.length + perWord - 1) / perWord];
    long mask = (1L << bits) - 1;
    for (int i = 0; i < values.length; i++) {
      words[i / perWord] |= (values[i] & mask) << ((i % perWord) * bits);
    }
    return words;
  }

  private static int lane(long[] words, int bits, int i) {
    int perWord = 64 / bits;
    return (int) ((words[i / perWord] >>> ((i % perWord) * bits)) & ((1L << bits) - 1));
  }

  /** The compact form of {@code s} under {@code config} (whose bands × rows values stay whole). */
  public static CompactSignature of(MinHashSignature s, DedupConfig config) {
    int whole = Math.min(config.bands() * config.rows(), s.size());
    int[] banded = new int[whole];
    for (int i = 0; i < whole; i++) {
      banded[i] = s.value(i) & 0xFFFF;
    }
    int[] rest = new int[s.size() - whole];
    for (int i = 0; i < rest.length; i++) {
      rest[i] = s.value(whole + i) & MASK;
    }
    return new CompactSignature(banded, rest, BITS, s.isEmpty());
  }

  public boolean isEmpty() {
    return empty;
  }

  /** The whole values, in the order {@link Fingerprinter#bandHashes} bands them. */
  int bandedValue(int i) {
    return lane(banded, 16, i);
  }

  int bandedSize() {
    return bandedSize;
  }

  private int restValue(int i) {
    return lane(rest, bits, i);
  }

  /**
   * The shape of the words {@link #copyWords} writes (banded and rest sizes), or -1 when this
   * signature has no such form (empty, or format 3's 8-bit rest): two signatures of the same
   * shape compare in packed form, {@link #jaccard(long[], int)}.
   */
  public int packedShape() {
    return empty || bits != BITS ? -1 : bandedSize << 16 | restSize;
  }

  /** How many words {@link #copyWords} writes. */
  public int packedLength() {
    return banded.length + rest.length;
  }

  /**
   * Writes the packed lanes, banded words then rest words, to {@code words[offset...]}: a table of
   * signatures kept in one array, which the matcher reads for every candidate (one region of
   * memory per candidate instead of the object and its two arrays).
   */
  public void copyWords(long[] words, int offset) {
    System.arraycopy(banded, 0, words, offset, banded.length);
    System.arraycopy(rest, 0, words, offset + banded.length, rest.length);
  }

  /** The signature of {@link #packedShape} {@code shape} whose {@link #copyWords} are at {@code words[offset...]}. */
  public static CompactSignature fromWords(long[] words, int offset, int shape) {
    int bandedSize = shape >>> 16;
    int restSize = shape & 0xFFFF;
    int bandedWords = (bandedSize + 3) / 4;
    int restWords = (restSize + 15) / 16;
    return new CompactSignature(java.util.Arrays.copyOfRange(words, offset, offset + bandedWords), bandedSize,
        java.util.Arrays.copyOfRange(words, offset + bandedWords, offset + bandedWords + restWords), restSize);
  }

  /**
   * {@link #jaccard(CompactSignature)} against the signature whose {@link #copyWords} are at {@code
   * words[offset...]}; that signature's {@link #packedShape} must equal this one's, and not be -1.
   */
  public double jaccard(long[] words, int offset) {
    int same = zeroLanes(banded, words, offset, LANES_16) - (banded.length * 4 - bandedSize);
    int sameLow = restSize == 0 ? 0
        : zeroLanes(rest, words, offset + banded.length, LANES_4) - (rest.length * 16 - restSize);
    return estimate(same, sameLow, BITS);
  }

  /** Estimated Jaccard similarity, in [0, 1]; 0 for signatures of another shape. */
  public double jaccard(CompactSignature other) {
    if (empty || other.empty || bandedSize != other.bandedSize || restSize != other.restSize) {
      return 0;
    }
    // Equal lanes are zero lanes of a XOR b; padding lanes are zero in both, so they are taken out.
    int same = zeroLanes(banded, other.banded, 0, LANES_16) - (banded.length * 4 - bandedSize);
    int b = Math.min(bits, other.bits);
    int sameLow = 0;
    if (restSize > 0) {
      if (bits == BITS && other.bits == BITS) {
        sameLow = zeroLanes(rest, other.rest, 0, LANES_4) - (rest.length * 16 - restSize);
      } else { // a format-3 signature (8-bit rest) on either side: compared on the bits both keep
        int mask = (1 << b) - 1;
        for (int i = 0; i < restSize; i++) {
          if (((restValue(i) ^ other.restValue(i)) & mask) == 0) {
            sameLow++;
          }
        }
      }
    }
    return estimate(same, sameLow, b);
  }

  /** The estimate from the equal banded values and the equal cut values (of {@code b} bits) of the rest. */
  private double estimate(int same, int sameLow, int b) {
    double estimate = same;
    if (restSize > 0) {
      // Values of different minima agree on b low bits once in 2^b: take that share out.
      double chance = 1.0 / (1 << b);
      double p = (double) sameLow / restSize;
      double j = Math.max(0, (p - chance) / (1 - chance));
      estimate += j * restSize;
    }
    return estimate / (bandedSize + restSize);
  }

  /**
   * The lanes equal in {@code a} and {@code b}, lanes being the bit groups that {@code low} (every
   * lane's bits but its top one) marks. Per word: a lane of x = a ^ b is zero exactly when adding
   * its low bits to all ones below the top does not carry into the top bit, and the top bit is clear.
   */
  private static int zeroLanes(long[] a, long[] b, int bOffset, long low) {
    int zero = 0;
    for (int w = 0; w < a.length; w++) {
      long x = a[w] ^ b[bOffset + w];
      long nonZero = ((x & low) + low) | x | low;
      zero += Long.bitCount(~nonZero);
    }
    return zero;
  }

  public byte[] toBytes() {
    int packed = (restSize + 1) / 2;
    ByteBuffer b = ByteBuffer.allocate(4 + 2 * bandedSize + packed);
    b.put(FORMAT).put((byte) (empty ? 1 : 0)).put((byte) bandedSize).put((byte) restSize);
    for (int i = 0; i < bandedSize; i++) {
      b.putShort((short) bandedValue(i));
    }
    for (int i = 0; i < restSize; i += 2) {
      int hi = (restValue(i) & MASK) << BITS;
      int lo = i + 1 < restSize ? restValue(i + 1) & MASK : 0;
      b.put((byte) (hi | lo));
    }
    return b.array();
  }

  /** Reads {@link #toBytes()} (or format 3's); rejects anything else with a message saying why. */
  public static CompactSignature fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length < 4 || (bytes[0] != FORMAT && bytes[0] != FORMAT_8_BIT)) {
      throw new IllegalArgumentException("not a compact MinHash signature (format " + FORMAT + " or "
          + FORMAT_8_BIT + ")");
    }
    boolean eightBit = bytes[0] == FORMAT_8_BIT;
    int whole = bytes[2] & 0xFF;
    int low = bytes[3] & 0xFF;
    int expected = 4 + 2 * whole + (eightBit ? low : (low + 1) / 2);
    if (bytes.length != expected) {
      throw new IllegalArgumentException("compact signature declares " + whole + "+" + low + " values but has "
          + bytes.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 4, bytes.length - 4);
    int[] banded = new int[whole];
    for (int i = 0; i < whole; i++) {
      banded[i] = b.getShort() & 0xFFFF;
    }
    int[] rest = new int[low];
    if (eightBit) {
      for (int i = 0; i < low; i++) {
        rest[i] = b.get() & 0xFF;
      }
    } else {
      for (int i = 0; i < low; i += 2) {
        int packed = b.get() & 0xFF;
        rest[i] = packed >>> BITS;
        if (i + 1 < low) {
          rest[i + 1] = packed & MASK;
        }
      }
    }
    return new CompactSignature(banded, rest, eightBit ? 8 : BITS, bytes[1] == 1);
  }
}
