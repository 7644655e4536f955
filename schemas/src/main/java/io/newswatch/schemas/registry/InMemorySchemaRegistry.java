package io.newswatch.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A registry in memory, like Confluent's mock client: for TopologyTestDriver and unit tests, where
 * a real registry would only add latency. Ids are global and shared across subjects, as in the real
 * thing; compatibility is not checked.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private final Map<Schema, Integer> idBySchema = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> subjects = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1);

  @Override
  public synchronized int register(String subject, Schema schema) {
    int id = idBySchema.computeIfAbsent(schema, s -> {
      int n = nextId.getAndIncrement();
      byId.put(n, s);
      return n;
    });
    subjects.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    return id;
  }

  @Override
  public int lookup(String subject, Schema schema) {
    Integer id = subjects.getOrDefault(subject, Map.of()).get(schema);
    if (id == null) {
      throw new RegistryException.NotFound("schema not registered under subject " + subject, 40403);
    }
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema s = byId.get(id);
    if (s == null) {
      throw new RegistryException.UnknownSchemaId(id, "not in the in-memory registry");
    }
    return s;
  }

  @Override
  public boolean autoRegister() {
    return true;
  }
}
