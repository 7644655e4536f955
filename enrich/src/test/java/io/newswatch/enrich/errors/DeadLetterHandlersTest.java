package io.newswatch.enrich.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import io.newswatch.schemas.registry.RegistryException;
import io.newswatch.schemas.serde.AvroDeserializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {
  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  @Test
  void shouldResumeWithADeadLetterCarryingReasonOriginAndBytesWhenDeserializationFails() {
    var handler = new DeadLetterDeserializationHandler();
    handler.configure(Map.of("newswatch.dlq.topic", "dlq", "newswatch.schema.registry.instance", registry));
    byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);
    var record = new ConsumerRecord<>("news.articles.raw", 2, 41L, "k".getBytes(StandardCharsets.UTF_8), value);

    var response = handler.handleError(context(), record, new SerializationException("unknown magic byte 0x6e"));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    var out = response.deadLetterQueueRecords().get(0);
    assertThat(out.topic()).isEqualTo("dlq");
    DeadLetter dl = new AvroDeserializer<DeadLetter>(registry, DeadLetter.class).deserialize("dlq", out.value());
    assertThat(dl.getStage()).isEqualTo("enrich");
    assertThat(dl.getReason()).contains("cannot deserialize").contains("unknown magic byte");
    assertThat(dl.getOriginTopic()).isEqualTo("news.articles.raw");
    assertThat(dl.getOriginPartition()).isEqualTo(2);
    assertThat(dl.getOriginOffset()).isEqualTo(41L);
    assertThat(dl.getPayload()).isEqualTo(ByteBuffer.wrap(value));
  }

  @Test
  void shouldFailTheTaskWhenTheDeadLetterCannotBeWritten() {
    var handler = new DeadLetterDeserializationHandler();
    // A registry that refuses every schema: the dead letter cannot be serialized.
    handler.configure(Map.of("newswatch.dlq.topic", "dlq", "newswatch.schema.registry.instance",
        new io.newswatch.schemas.registry.SchemaRegistry() {
          @Override public int register(String s, org.apache.avro.Schema x) { throw new IllegalStateException("registry down"); }
          @Override public int lookup(String s, org.apache.avro.Schema x) { throw new IllegalStateException("registry down"); }
          @Override public org.apache.avro.Schema schemaById(int id) { throw new IllegalStateException("registry down"); }
          @Override public boolean autoRegister() { return true; }
        }));
    var record = new ConsumerRecord<>("t", 0, 0L, new byte[0], new byte[] {1});
    var response = handler.handleError(context(), record, new SerializationException("bad"));
    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
  }

  @Test
  void shouldFailTheTaskInsteadOfDeadLetteringWhenTheRegistryIsUnreachable() {
    Map<String, Object> config = Map.of("newswatch.dlq.topic", "dlq", "newswatch.schema.registry.instance", registry);
    var down = new SerializationException("cannot decode",
        new RegistryException.Unavailable("GET /schemas/ids/7: connection refused", -1, null));

    var deserialization = new DeadLetterDeserializationHandler();
    deserialization.configure(config);
    var processing = new DeadLetterProcessingHandler();
    processing.configure(config);
    var production = new DeadLetterProductionHandler();
    production.configure(config);

    assertThat(deserialization.handleError(context(), new ConsumerRecord<>("t", 0, 0L, new byte[0], new byte[] {0}), down)
        .result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    assertThat(processing.handleError(context(), new Record<>("k", "v", 0L), down).result())
        .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(production.handleSerializationError(context(), new ProducerRecord<>("out", "k", "v"), down,
        ProductionExceptionHandler.SerializationExceptionOrigin.VALUE).result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    // The intake decodes raw articles itself: the same failure, wrapped there, still fails the task.
    assertThat(processing.handleError(context(), new Record<>("k", new byte[] {0}, 0L),
        new io.newswatch.enrich.stream.ArticleIntakeProcessor.Undecodable(down)).result())
        .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    // The same failure without the registry in its causes is the record's fault: dead-lettered.
    assertThat(deserialization.handleError(context(), new ConsumerRecord<>("t", 0, 0L, new byte[0], new byte[] {0}),
        new SerializationException("unknown magic byte 0x2a")).result())
        .isEqualTo(DeserializationExceptionHandler.Result.RESUME);
  }

  @Test
  void shouldDeadLetterARawValueTheIntakeCannotDecodeAsOneThatCannotBeDeserialized() {
    var processing = new DeadLetterProcessingHandler();
    processing.configure(Map.of("newswatch.dlq.topic", "dlq", "newswatch.schema.registry.instance", registry));

    var response = processing.handleError(context(), new Record<>("k", new byte[] {9}, 0L),
        new io.newswatch.enrich.stream.ArticleIntakeProcessor.Undecodable(new SerializationException("unknown magic byte 0x09")));
    var other = processing.handleError(context(), new Record<>("k", "v", 0L), new IllegalStateException("tagger bug"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    DeadLetter dl = new AvroDeserializer<DeadLetter>(registry, DeadLetter.class)
        .deserialize("dlq", response.deadLetterQueueRecords().get(0).value());
    assertThat(dl.getReason()).startsWith("cannot deserialize at articles-raw-source").contains("unknown magic byte");
    DeadLetter bug = new AvroDeserializer<DeadLetter>(registry, DeadLetter.class)
        .deserialize("dlq", other.deadLetterQueueRecords().get(0).value());
    assertThat(bug.getReason()).startsWith("processing failed in articles-raw-source");
  }

  private static ErrorHandlerContext context() {
    return new ErrorHandlerContext() {
      @Override public String topic() { return "news.articles.raw"; }
      @Override public int partition() { return 2; }
      @Override public long offset() { return 41L; }
      @Override public org.apache.kafka.common.header.Headers headers() { return new RecordHeaders(); }
      @Override public String processorNodeId() { return "articles-raw-source"; }
      @Override public TaskId taskId() { return new TaskId(0, 2); }
      @Override public long timestamp() { return 0L; }
      @Override public byte[] sourceRawKey() { return null; }
      @Override public byte[] sourceRawValue() { return null; }
    };
  }
}
