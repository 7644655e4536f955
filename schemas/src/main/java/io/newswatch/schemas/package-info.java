/**
 * The contract between the stages.
 *
 * <p>The Avro records in {@code io.newswatch.schemas.avro} (generated from {@code src/main/avro})
 * travel on the topics listed in {@link io.newswatch.schemas.Topics}. Values are written in the
 * Confluent wire format (magic byte 0, a 4-byte schema id, Avro binary) by
 * {@link io.newswatch.schemas.serde.AvroSerde}, which talks to any registry that speaks the
 * Confluent REST API through {@link io.newswatch.schemas.registry.RegistryClient}: Confluent Schema
 * Registry, Apicurio ({@code /apis/ccompat/v7}), Redpanda or Karapace.
 */
package io.newswatch.schemas;
