package io.newswatch.enrich.dedup;

import java.nio.ByteBuffer;

/** Signature bytes of earlier formats, built from their definitions, not from the classes under test. */
public final class SignatureFormats {
  private SignatureFormats() {}

  /**
   * The bytes compact-signature format 3 wrote for {@code s}: a 4-byte header, the banded values
   * ({@code bands × rows}) as 16 bits, the rest as 8 bits.
   */
  public static byte[] format3(MinHashSignature s, DedupConfig config) {
    int whole = config.bands() * config.rows();
    ByteBuffer b = ByteBuffer.allocate(4 + 2 * whole + (s.size() - whole));
    b.put((byte) 3).put((byte) (s.isEmpty() ? 1 : 0)).put((byte) whole).put((byte) (s.size() - whole));
    for (int i = 0; i < whole; i++) {
      b.putShort((short) s.value(i));
    }
    for (int i = whole; i < s.size(); i++) {
      b.put((byte) s.value(i));
    }
    return b.array();
  }
}
