package io.newswatch.cli;

import io.newswatch.runtime.Settings;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.schemas.serde.AvroJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code newswatch tail}: prints a topic's records as JSON lines, decoding Avro through the registry. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print one JSON object per record and line, Avro decoded through the registry "
        + "(like kafka-avro-console-consumer).")
public final class TailCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "The topic, e.g. news.articles.raw")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the earliest offset instead of the end.")
  boolean fromBeginning;

  @Option(names = "--max-idle", defaultValue = "", description = "Exit after this long without a record (e.g. 10s). Default: run until Ctrl-C.")
  String maxIdle;

  @Option(names = "--max-messages", defaultValue = "-1", description = "Exit after this many records.")
  long maxMessages;

  @Option(names = "--with-metadata", description = "Wrap each value with topic, partition, offset, key and timestamp.")
  boolean withMetadata;

  @Override
  public Integer call() {
    Settings settings = common.settings(Map.of());
    Duration idle = maxIdle.isBlank() ? null : Settings.of(Map.of("max-idle", maxIdle)).getDuration("max-idle");
    Properties props = settings.kafkaProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "newswatch-tail-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var deser = new AvroDeserializer<GenericRecord>(new RegistryClient(settings.registryConfig()), null);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long printed = 0;
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (parts == null || parts.isEmpty()) {
        err.println("newswatch tail: topic '" + topic + "' does not exist on " + props.getProperty("bootstrap.servers"));
        return 2;
      }
      List<TopicPartition> tps = parts.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(tps);
      if (fromBeginning) {
        consumer.seekToBeginning(tps);
      } else {
        consumer.seekToEnd(tps);
      }
      Instant lastRecord = Instant.now();
      while (maxMessages < 0 || printed < maxMessages) {
        var records = consumer.poll(Duration.ofMillis(250));
        if (records.isEmpty()) {
          if (idle != null && Duration.between(lastRecord, Instant.now()).compareTo(idle) >= 0) {
            break;
          }
          continue;
        }
        lastRecord = Instant.now();
        for (ConsumerRecord<String, byte[]> r : records) {
          out.println(render(r, deser, err));
          printed++;
          if (maxMessages >= 0 && printed >= maxMessages) {
            break;
          }
        }
        out.flush();
      }
    }
    out.flush();
    return 0;
  }

  private String render(ConsumerRecord<String, byte[]> r, AvroDeserializer<GenericRecord> deser, PrintWriter err) {
    var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    com.fasterxml.jackson.databind.JsonNode value;
    try {
      GenericRecord rec = deser.deserialize(r.topic(), r.value());
      value = rec == null ? json.nullNode() : AvroJson.toJson(rec);
    } catch (RuntimeException e) {
      // A poison record is shown, not fatal: the operator sees where and why.
      err.println("newswatch tail: cannot decode " + r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e.getMessage());
      value = json.objectNode().put("undecodable", e.getMessage())
          .put("raw", r.value() == null ? "" : new String(r.value(), StandardCharsets.ISO_8859_1));
    }
    if (!withMetadata) {
      return value.toString();
    }
    return json.objectNode().put("topic", r.topic()).put("partition", r.partition()).put("offset", r.offset())
        .put("key", r.key()).put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString()).set("value", value).toString();
  }
}
