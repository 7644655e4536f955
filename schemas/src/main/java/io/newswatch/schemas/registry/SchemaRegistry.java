package io.newswatch.schemas.registry;

import org.apache.avro.Schema;

/**
 * What the serde needs from a schema registry. {@link RegistryClient} talks to a real one over the
 * Confluent REST API; {@link InMemorySchemaRegistry} stands in for unit and TopologyTestDriver tests.
 */
public interface SchemaRegistry {
  /** Registers the schema under the subject (idempotent) and returns its id. */
  int register(String subject, Schema schema);

  /** The id of a schema already registered under the subject; fails if it is not registered. */
  int lookup(String subject, Schema schema);

  /** The schema with this id; fails with {@link RegistryException.UnknownSchemaId} if there is none. */
  Schema schemaById(int id);

  /** Whether producers may register new schemas, or only use registered ones. */
  boolean autoRegister();
}
