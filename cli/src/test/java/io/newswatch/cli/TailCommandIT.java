package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithPlatform
class TailCommandIT {

  @Test
  void shouldPrintAnAvroRecordAsJsonWhenTailingFromTheBeginning(TestPlatform platform) throws Exception {
    String topic = platform.uniqueName("tail");
    platform.createTopics(Map.of(topic, 2));
    var serde = Topics.ARTICLES_RAW.renamed(topic).valueSerde(new RegistryClient(RegistryConfig.of(platform.registryUrl())));
    Article a = Article.newBuilder().setId("tail-1").setTitle("عنوان").setBody("خط التمييز العسكري").setLang("ar")
        .setPublishedAt(Instant.parse("2025-11-17T00:00:00Z")).setFetchedAt(Instant.parse("2025-11-17T01:00:00Z")).build();
    Properties pp = new Properties();
    pp.put("bootstrap.servers", platform.bootstrapServers());
    try (var producer = new KafkaProducer<>(pp, new StringSerializer(), serde.serializer())) {
      producer.send(new ProducerRecord<>(topic, a.getId(), a)).get();
      // A poison record must be reported, not stop the tail.
      producer.send(new ProducerRecord<>(topic, 0, "junk", null)).get();
    }
    try (var raw = new KafkaProducer<>(pp, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, 0, "junk", new byte[] {1, 2, 3})).get();
    }

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = NewswatchCli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("tail", topic, "--from-beginning", "--max-idle", "2s",
        "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl());

    assertThat(code).isZero();
    JsonNode first = new ObjectMapper().readTree(out.toString().lines()
        .filter(l -> l.contains("tail-1")).findFirst().orElseThrow());
    assertThat(first.get("id").asText()).isEqualTo("tail-1");
    assertThat(first.get("body").asText()).isEqualTo("خط التمييز العسكري");
    assertThat(first.get("publishedAt").asText()).isEqualTo("2025-11-17T00:00:00Z");
    assertThat(err.toString()).contains("cannot decode").contains("magic byte");
  }
}
