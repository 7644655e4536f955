package io.newswatch.enrich.errors;

import io.newswatch.runtime.DeadLetters;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.schemas.registry.RegistryException;
import io.newswatch.schemas.registry.SchemaRegistry;
import io.newswatch.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shared by the three handlers: turns a failure into a dead-letter record for the DLQ topic. */
final class DeadLetterRouter {
  /** Streams config key: the dead-letter topic. */
  static final String DLQ_TOPIC = "newswatch.dlq.topic";
  /** Streams config key: a {@link SchemaRegistry} instance, for tests; otherwise the URL is used. */
  static final String REGISTRY_INSTANCE = "newswatch.schema.registry.instance";
  private static final Logger log = LoggerFactory.getLogger(DeadLetterRouter.class);

  private String topic;
  private AvroSerializer<DeadLetter> serializer;
  private io.newswatch.enrich.EnrichMetrics metrics = io.newswatch.enrich.EnrichMetrics.none();

  void configure(Map<String, ?> configs) {
    Object t = configs.get(DLQ_TOPIC);
    if (t == null || t.toString().isBlank()) {
      throw new IllegalArgumentException(DLQ_TOPIC + " must name the dead-letter topic");
    }
    topic = t.toString();
    Object instance = configs.get(REGISTRY_INSTANCE);
    SchemaRegistry registry = instance instanceof SchemaRegistry r ? r : new RegistryClient(RegistryConfig.fromMap(configs));
    serializer = new AvroSerializer<>(registry, false);
    if (configs.get(io.newswatch.enrich.EnrichMetrics.STREAMS_CONFIG) instanceof io.newswatch.enrich.EnrichMetrics m) {
      metrics = m;
    }
  }

  /** The reason without the node or topic it names: a bounded label for the dead-letter counter. */
  static String category(String reason) {
    for (String c : List.of("processing failed", "output too large", "cannot serialize", "cannot deserialize")) {
      if (reason.startsWith(c)) {
        return c;
      }
    }
    return "other";
  }

  String topic() {
    return topic;
  }

  /**
   * True, after logging why, when the failure is the schema registry being unreachable. That says
   * nothing about the record, so it must never be dead-lettered: the handler fails the task instead,
   * Streams replaces the thread, and the record is processed again from the last committed
   * transaction once the registry is back.
   */
  boolean retryWhenRegistryDown(Exception error, ErrorHandlerContext ctx) {
    if (!RegistryException.isUnavailable(error)) {
      return false;
    }
    log.warn("schema registry unavailable at {} ({}-{}@{}); failing the task so the record is retried: {}",
        ctx.processorNodeId(), ctx.topic(), ctx.partition(), ctx.offset(), error.getMessage());
    return true;
  }

  List<ProducerRecord<byte[], byte[]>> deadLetter(String reason, Exception error, ErrorHandlerContext ctx, byte[] key, byte[] value) {
    DeadLetter dl = DeadLetters.ofRecord("enrich", reason + ": " + DeadLetters.describe(error), error, ctx.topic(), ctx.partition(),
        ctx.offset(), key, value, ctx.headers());
    log.warn("dead-lettering {}-{}@{} at {}: {}", ctx.topic(), ctx.partition(), ctx.offset(), ctx.processorNodeId(),
        dl.getReason());
    metrics.deadLetter(category(reason));
    byte[] bytes = serializer.serialize(topic, dl);
    byte[] k = key != null ? key : (ctx.topic() + "-" + ctx.partition() + "@" + ctx.offset()).getBytes(StandardCharsets.UTF_8);
    return List.of(new ProducerRecord<>(topic, k, bytes));
  }
}
