package io.newswatch.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders Avro records as plain JSON for people and for non-Avro consumers: unions unwrapped,
 * timestamps as ISO-8601, enums as names, bytes as base64.
 */
public final class AvroJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AvroJson() {}

  public static ObjectNode toJson(IndexedRecord record) {
    return (ObjectNode) value(record, record.getSchema());
  }

  public static String toJsonString(IndexedRecord record) {
    try {
      return MAPPER.writeValueAsString(toJson(record));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode value(Object v, Schema s) {
    if (v == null) {
      return F.nullNode();
    }
    switch (s.getType()) {
      case UNION -> {
        for (Schema branch : s.getTypes()) {
          if (branch.getType() != Schema.Type.NULL && fits(v, branch)) {
            return value(v, branch);
          }
        }
        return F.textNode(v.toString());
      }
      case RECORD -> {
        IndexedRecord r = (IndexedRecord) v;
        ObjectNode o = F.objectNode();
        for (Schema.Field f : r.getSchema().getFields()) {
          o.set(f.name(), value(r.get(f.pos()), f.schema()));
        }
        return o;
      }
      case ARRAY -> {
        ArrayNode a = F.arrayNode();
        for (Object item : (Collection<?>) v) {
          a.add(value(item, s.getElementType()));
        }
        return a;
      }
      case MAP -> {
        ObjectNode o = F.objectNode();
        ((Map<?, ?>) v).forEach((k, val) -> o.set(k.toString(), value(val, s.getValueType())));
        return o;
      }
      case LONG -> {
        if (v instanceof Instant i) {
          return F.textNode(i.toString());
        }
        if (s.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
          return F.textNode(Instant.ofEpochMilli((Long) v).toString());
        }
        return F.numberNode(((Number) v).longValue());
      }
      case INT -> {
        return F.numberNode(((Number) v).intValue());
      }
      case DOUBLE, FLOAT -> {
        return F.numberNode(((Number) v).doubleValue());
      }
      case BOOLEAN -> {
        return F.booleanNode((Boolean) v);
      }
      case BYTES, FIXED -> {
        byte[] b;
        if (v instanceof ByteBuffer bb) {
          ByteBuffer dup = bb.duplicate();
          b = new byte[dup.remaining()];
          dup.get(b);
        } else if (v instanceof GenericContainer gc && v instanceof org.apache.avro.generic.GenericFixed fx) {
          b = fx.bytes();
        } else {
          b = (byte[]) v;
        }
        return F.textNode(Base64.getEncoder().encodeToString(b));
      }
      case ENUM, STRING -> {
        return F.textNode(v instanceof GenericEnumSymbol<?> e ? e.toString() : v.toString());
      }
      default -> {
        return F.textNode(v.toString());
      }
    }
  }

  private static boolean fits(Object v, Schema s) {
    return switch (s.getType()) {
      case STRING -> v instanceof CharSequence;
      case LONG -> v instanceof Long || v instanceof Instant;
      case INT -> v instanceof Integer;
      case DOUBLE -> v instanceof Double;
      case FLOAT -> v instanceof Float;
      case BOOLEAN -> v instanceof Boolean;
      case BYTES -> v instanceof ByteBuffer || v instanceof byte[];
      case RECORD -> v instanceof IndexedRecord r && r.getSchema().getFullName().equals(s.getFullName());
      case ARRAY -> v instanceof Collection;
      case MAP -> v instanceof Map;
      case ENUM -> v instanceof GenericEnumSymbol || v instanceof Enum;
      default -> true;
    };
  }
}
