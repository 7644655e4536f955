package io.newswatch.enrich.dedup;

import java.nio.ByteBuffer;

/**
 * A MinHash signature as the dedup matcher remembers it: the banded values (the first {@code
 * bands × rows}) whole, so band keys can be computed again from it, and the rest cut to their low 8
 * bits (b-bit MinHash). Two cut values of different minima agree by chance once in 256; the estimate
 * takes that out. With the defaults (128 values, 64 banded) it is 196 bytes instead of 260, and its
 * estimate stays within about 0.01 of the whole signature's (see CompactSignatureTest).
 */
public final class CompactSignature {
  private static final byte FORMAT = 3;

  private final short[] banded;
  private final byte[] rest;
  private final boolean empty;

  private CompactSignature(short[] banded, byte[] rest, boolean empty) {
    this.banded = banded;
    this.rest = rest;
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
      rest[i] = (byte) s.value(whole + i);
    }
    return new CompactSignature(banded, rest, s.isEmpty());
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
      int sameLow = 0;
      for (int i = 0; i < rest.length; i++) {
        if (rest[i] == other.rest[i]) {
          sameLow++;
        }
      }
      double p = (double) sameLow / rest.length;
      double j = Math.max(0, (p - 1.0 / 256) / (1 - 1.0 / 256));
      estimate += j * rest.length;
    }
    return estimate / (banded.length + rest.length);
  }

  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(4 + 2 * banded.length + rest.length);
    b.put(FORMAT).put((byte) (empty ? 1 : 0)).put((byte) banded.length).put((byte) rest.length);
    for (short v : banded) {
      b.putShort(v);
    }
    b.put(rest);
    return b.array();
  }

  /** Reads {@link #toBytes()}; rejects anything else with a message saying why. */
  public static CompactSignature fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length < 4 || bytes[0] != FORMAT) {
      throw new IllegalArgumentException("not a compact MinHash signature (format " + FORMAT + ")");
    }
    int whole = bytes[2] & 0xFF;
    int low = bytes[3] & 0xFF;
    if (bytes.length != 4 + 2 * whole + low) {
      throw new IllegalArgumentException("compact signature declares " + whole + "+" + low + " values but has "
          + bytes.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 4, bytes.length - 4);
    short[] banded = new short[whole];
    for (int i = 0; i < whole; i++) {
      banded[i] = b.getShort();
    }
    byte[] rest = new byte[low];
    b.get(rest);
    return new CompactSignature(banded, rest, bytes[1] == 1);
  }
}
