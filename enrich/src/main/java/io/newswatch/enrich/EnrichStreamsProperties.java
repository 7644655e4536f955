package io.newswatch.enrich;

import io.newswatch.enrich.errors.DeadLetterDeserializationHandler;
import io.newswatch.enrich.errors.DeadLetterProcessingHandler;
import io.newswatch.enrich.errors.DeadLetterProductionHandler;
import io.newswatch.schemas.registry.RegistryConfig;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties of enrich: exactly-once v2, explicit state dir and the dead-letter policy. */
public final class EnrichStreamsProperties {
  private EnrichStreamsProperties() {}

  /**
   * @param kafka client properties ({@code kafka.*} settings, prefix removed); they win over our
   *     defaults except for the guarantees enrich depends on
   */
  public static Properties build(EnrichConfig config, Properties kafka, RegistryConfig registry) {
    Properties p = new Properties();
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.streamThreads()));
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(16L * 1024 * 1024));
    // The intake task reads raw articles and dedup replies; they need no alignment by timestamp, and
    // waiting for the lagging one to be fetched stalls the task in every poll round.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
    // lz4, not zstd: enrich writes many small batches (changelogs, repartition topics) and compresses
    // them on the stream thread, where zstd's per-batch setup and slower compression cost ~5% of it.
    p.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
    p.put(StreamsConfig.producerPrefix("linger.ms"), "5");
    p.put(StreamsConfig.producerPrefix("batch.size"), Integer.toString(256 * 1024));
    p.putAll(kafka);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.commitInterval().toMillis()));
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
    p.put("processing.exception.handler.global.enabled", "true");
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
    p.put("newswatch.dlq.topic", config.dlqTopic());
    p.put(RegistryConfig.URL, registry.url().toString());
    p.put(RegistryConfig.AUTO_REGISTER, Boolean.toString(registry.autoRegister()));
    if (registry.basicAuthUserInfo() != null) {
      p.put(RegistryConfig.BASIC_AUTH_USER_INFO, registry.basicAuthUserInfo());
    }
    if (registry.bearerToken() != null) {
      p.put(RegistryConfig.BEARER_TOKEN, registry.bearerToken());
    }
    return p;
  }
}
