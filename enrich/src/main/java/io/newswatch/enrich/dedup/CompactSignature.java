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

  private final short[] banded;
  /** The low bits of each value past the banded ones, one per element ({@code bits} of them kept). */
  private final byte[] rest;
  private final int bits;
  private final boolean empty;

  private CompactSignature(short[] banded, byte[] rest, int bits, boolean empty) {
    this.banded = banded;
    this.rest = rest;
    this.bits = bits;
    this.empty = empty;
  }

  /** The compact form of {@code s} under {@code config} (whose bands × rows values stay whole). */
  public static CompactSignature of(MinHashSignature s, DedupConfig config) {
    int whole = Math.min(config.bands() * config.rows(), s.size());
    short[] banded = new short[whole];
    for (int i = 0; i < whole; i++) {
      banded[i] = (short) s.value(i);
    }
    byte[] rest = new byte[s.size() - whole];
    for (int i = 0; i < rest.length; i++) {
      rest[i] = (byte) (s.value(whole + i) & MASK);
    }
    return new CompactSignature(banded, rest, BITS, s.isEmpty());
  }

  public boolean isEmpty() {
    return empty;
  }

  /** The whole values, in the order {@link Fingerprinter#bandHashes} bands them. */
  int bandedValue(int i) {
    return banded[i] & 0xFFFF;
  }

  int bandedSize() {
    return banded.length;
  }

  /** Estimated Jaccard similarity, in [0, 1]; 0 for signatures of another shape. */
  public double jaccard(CompactSignature other) {
    if (empty || other.empty || banded.length != other.banded.length || rest.length != other.rest.length) {
      return 0;
    }
    int same = 0;
    for (int i = 0; i < banded.length; i++) {
      if (banded[i] == other.banded[i]) {
        same++;
      }
    }
    double estimate = same;
    if (rest.length > 0) {
      int b = Math.min(bits, other.bits);
      int mask = (1 << b) - 1;
      int sameLow = 0;
      for (int i = 0; i < rest.length; i++) {
        if (((rest[i] ^ other.rest[i]) & mask) == 0) {
          sameLow++;
        }
      }
      // Values of different minima agree on b low bits once in 2^b: take that share out.
      double chance = 1.0 / (1 << b);
      double p = (double) sameLow / rest.length;
      double j = Math.max(0, (p - chance) / (1 - chance));
      estimate += j * rest.length;
    }
    return estimate / (banded.length + rest.length);
  }

  public byte[] toBytes() {
    int packed = (rest.length + 1) / 2;
    ByteBuffer b = ByteBuffer.allocate(4 + 2 * banded.length + packed);
    b.put(FORMAT).put((byte) (empty ? 1 : 0)).put((byte) banded.length).put((byte) rest.length);
    for (short v : banded) {
      b.putShort(v);
    }
    for (int i = 0; i < rest.length; i += 2) {
      int hi = (rest[i] & MASK) << BITS;
      int lo = i + 1 < rest.length ? rest[i + 1] & MASK : 0;
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
    short[] banded = new short[whole];
    for (int i = 0; i < whole; i++) {
      banded[i] = b.getShort();
    }
    byte[] rest = new byte[low];
    if (eightBit) {
      b.get(rest);
    } else {
      for (int i = 0; i < low; i += 2) {
        int packed = b.get() & 0xFF;
        rest[i] = (byte) (packed >>> BITS);
        if (i + 1 < low) {
          rest[i + 1] = (byte) (packed & MASK);
        }
      }
    }
    return new CompactSignature(banded, rest, eightBit ? 8 : BITS, bytes[1] == 1);
  }
}
