package io.newswatch.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary
 * body. Kept in one place so writer and reader cannot drift apart.
 */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** The payload is not in the Confluent wire format (no magic byte, or too short for a header). */
  public static final class NotWireFormatException extends SerializationException {
    public NotWireFormatException(String message) {
      super(message);
    }
  }

  /** Reads the schema id from a framed payload, or explains why the payload is not framed. */
  public static int schemaId(byte[] payload) {
    if (payload.length < HEADER_SIZE) {
      throw new NotWireFormatException("payload of " + payload.length
          + " bytes is too short for the Confluent wire format (5-byte header: magic byte 0 + schema id)");
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new NotWireFormatException(String.format(java.util.Locale.ROOT,
          "unknown magic byte 0x%02x: the payload is not in the Confluent wire format (expected 0x00)", payload[0]));
    }
    return ByteBuffer.wrap(payload, 1, 4).getInt();
  }

  /** Writes the 5-byte header into the start of a buffer. */
  public static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    ByteBuffer.wrap(target, 1, 4).putInt(schemaId);
  }
}
