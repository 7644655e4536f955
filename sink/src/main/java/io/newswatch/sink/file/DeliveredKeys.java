package io.newswatch.sink.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The delivery keys a JSONL directory holds, as 128-bit digests in one open-addressing table: 16 to
 * 32 bytes per key instead of a string and a hash-set node (about 100 bytes). A directory keeps every
 * key it ever wrote, so that a replay of any age finds them; this is what keeps that affordable (a
 * desk at 300,000 alerts a day adds 5 to 10 MB a day instead of 30).
 *
 * <p>Two different keys share a 128-bit SHA-256 prefix with a probability of about n² / 2^129: for
 * a billion keys, 10^-21. Not thread-safe: the directory's lock guards it.
 */
final class DeliveredKeys {
  private static final int MIN_CAPACITY = 1 << 10;

  private final MessageDigest sha256;
  /** Pairs of longs, [2i] high and [2i + 1] low; both zero marks an empty cell. */
  private long[] cells = new long[2 * MIN_CAPACITY];
  private int size;

  DeliveredKeys() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  int size() {
    return size;
  }

  boolean contains(String key) {
    ByteBuffer d = digest(key);
    long hi = d.getLong(0);
    long lo = d.getLong(8);
    return occupied(cells, find(cells, hi, lo));
  }

  /** Adds the key; returns false when it was there already. */
  boolean add(String key) {
    ByteBuffer d = digest(key);
    long hi = d.getLong(0);
    long lo = d.getLong(8);
    int at = find(cells, hi, lo);
    if (occupied(cells, at)) {
      return false;
    }
    cells[at] = hi;
    cells[at + 1] = lo;
    if (++size * 4 > (cells.length / 2) * 3) {
      grow();
    }
    return true;
  }

  /** Bytes the table holds, for the figures in BENCHMARKS.md. */
  long tableBytes() {
    return 8L * cells.length;
  }

  private ByteBuffer digest(String key) {
    byte[] full = sha256.digest(key.getBytes(StandardCharsets.UTF_8));
    // An all-zero digest prefix would read as an empty cell; such a key is moved to a fixed other value.
    ByteBuffer d = ByteBuffer.wrap(full);
    if (d.getLong(0) == 0 && d.getLong(8) == 0) {
      d.putLong(8, 1);
    }
    return d;
  }

  private static boolean occupied(long[] table, int at) {
    return table[at] != 0 || table[at + 1] != 0;
  }

  /** The cell (even index) holding {@code hi, lo}, or the empty one where it goes. */
  private static int find(long[] table, long hi, long lo) {
    int mask = table.length / 2 - 1;
    int i = (int) (hi ^ (hi >>> 32)) & mask;
    while (true) {
      int at = 2 * i;
      if (!occupied(table, at) || (table[at] == hi && table[at + 1] == lo)) {
        return at;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    long[] old = cells;
    long[] bigger = new long[old.length * 2];
    for (int at = 0; at < old.length; at += 2) {
      if (occupied(old, at)) {
        int to = find(bigger, old[at], old[at + 1]);
        bigger[to] = old[at];
        bigger[to + 1] = old[at + 1];
      }
    }
    cells = bigger;
  }
}
