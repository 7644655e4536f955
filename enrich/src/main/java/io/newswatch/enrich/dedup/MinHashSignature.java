package io.newswatch.enrich.dedup;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A MinHash signature kept as the low 16 bits of each minimum ("b-bit MinHash"): two unrelated
 * minima agree by chance with probability 2^-16, which is negligible next to the estimate's own
 * variance, and the signature is 4x smaller than with ints. An empty signature (text too short to
 * shingle) is similar to nothing.
 */
public final class MinHashSignature {

  /** 2: one-permutation MinHash; version 1 signatures (k independent hashes) are not comparable. */
  private static final byte FORMAT_VERSION = 2;
  private static final int HEADER_BYTES = 4;

  private final short[] values;
  private final boolean empty;

  MinHashSignature(short[] values, boolean empty) {
    this.values = values.clone();
    this.empty = empty;
  }

  /** Number of hash functions. */
  public int size() {
    return values.length;
  }

  /** True when the text had no words. */
  public boolean isEmpty() {
    return empty;
  }

  int value(int i) {
    return values[i] & 0xFFFF;
  }

  /** Estimated Jaccard similarity of the two shingle sets, in [0, 1]. */
  public double jaccard(MinHashSignature other) {
    if (other.values.length != values.length) {
      throw new IllegalArgumentException(
          "signatures have " + values.length + " and " + other.values.length
              + " hashes; compare signatures made with the same DedupConfig");
    }
    if (empty || other.empty) {
      return 0;
    }
    int same = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == other.values[i]) {
        same++;
      }
    }
    return (double) same / values.length;
  }

  /** Compact storage: 4 header bytes (version, flags, hash count) then 2 bytes per hash. */
  public byte[] toBytes() {
    ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + 2 * values.length);
    buffer.put(FORMAT_VERSION).put((byte) (empty ? 1 : 0)).putShort((short) values.length);
    for (short v : values) {
      buffer.putShort(v);
    }
    return buffer.array();
  }

  /** Reads {@link #toBytes()} output; rejects anything else with a message saying why. */
  public static MinHashSignature fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length < HEADER_BYTES) {
      throw new IllegalArgumentException("not a MinHash signature: fewer than 4 bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte version = buffer.get();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported MinHash signature format " + version + "; expected " + FORMAT_VERSION);
    }
    boolean empty = buffer.get() == 1;
    int n = buffer.getShort() & 0xFFFF;
    if (bytes.length != HEADER_BYTES + 2 * n) {
      throw new IllegalArgumentException(
          "MinHash signature declares " + n + " hashes but has " + bytes.length + " bytes");
    }
    short[] values = new short[n];
    for (int i = 0; i < n; i++) {
      values[i] = buffer.getShort();
    }
    return new MinHashSignature(values, empty);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinHashSignature other
        && empty == other.empty
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + (empty ? 1 : 0);
  }
}
