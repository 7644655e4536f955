package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.EnrichService;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.schemas.serde.Subjects;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Works with Confluent's clients", tested with Confluent's own JavaScript serde
 * ({@code @confluentinc/schemaregistry}) and kafkajs, installed by the build from
 * {@code src/test/js/package-lock.json}: it serializes an Article through the registry's Confluent API
 * with the latest registered schema, enrich tags it and raises an alert, and Confluent's deserializer
 * decodes the alerts enrich wrote. A change to the serde, the subjects or the schemas that breaks
 * Confluent clients fails here. Node.js is required: without it this test fails, it does not skip.
 */
@WithPlatform
class ConfluentClientsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CLIENT = Path.of("target/confluent-js/confluent-client.mjs");
  /** The client's own deadline for its whole run; it exits with the step it was in when this passes. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  Path tmp;

  @Test
  void shouldRoundTripThroughConfluentsJavaScriptSerdeWhenItProducesArticlesAndReadsAlerts(TestPlatform platform)
      throws Exception {
    assertThat(CLIENT).as("the build copies src/test/js here and runs npm ci (.mvn/ensure-npm-packages.sh)")
        .isRegularFile();
    assertThat(CLIENT.resolveSibling("node_modules/@confluentinc/schemaregistry")).as("npm ci ran").isDirectory();
    String p = platform.uniqueName("confluent");
    Map<String, String> values = new HashMap<>(EnrichConfig.defaults());
    values.putAll(Map.of(
        EnrichConfig.TOPIC_RAW, p + ".raw", EnrichConfig.TOPIC_TAGGED, p + ".tagged",
        EnrichConfig.TOPIC_ALERTS, p + ".alerts", EnrichConfig.TOPIC_DLQ, p + ".dlq",
        EnrichConfig.TOPIC_SUBSCRIPTIONS, p + ".subscriptions", EnrichConfig.APPLICATION_ID, p,
        EnrichConfig.STATE_DIR, tmp.resolve("streams").toString(), Settings.BOOTSTRAP, platform.bootstrapServers(),
        Settings.REGISTRY_URL, platform.registryUrl(), Settings.REGISTRY_AUTO_REGISTER, "true"));
    Settings settings = Settings.of(values);
    RegistryClient registry = new RegistryClient(RegistryConfig.of(platform.registryUrl()));
    // Ingest registers the Article schema with its first record; Confluent's serializer here only uses it.
    int articleSchema = registry.register(Subjects.of(p + ".raw", false), Article.getClassSchema());

    List<JsonNode> printed;
    try (EnrichService enrich = EnrichService.start(EnrichConfig.from(settings), settings.kafkaProperties(),
        settings.registryConfig(), null)) {
      // On a loaded CI machine a cold enrich can take most of a minute to join its group: the client's
      // deadline is for the client, so the topology is running before the clock starts.
      assertThat(enrich.awaitRunning(Duration.ofSeconds(90))).as("enrich running").isTrue();
      printed = runClient(platform, p);
    }

    JsonNode produced = printed.get(0);
    assertThat(produced.path("event").asText()).isEqualTo("produced");
    assertThat(produced.path("magic").asInt()).as("Confluent wire format").isZero();
    assertThat(produced.path("schemaId").asInt()).isEqualTo(articleSchema);
    if (produced.path("attempts").asInt() > 1) {
      // The client gave up a send that had no answer in 30 s and made it again (see the client): the
      // round trip holds, but a stall happened, and its kafkajs lines are in the output above.
      System.err.println("WARNING: ConfluentClientsIT: the client needed " + produced.path("attempts").asInt()
          + " send attempts");
    }
    List<JsonNode> alerts = printed.stream().filter(n -> n.path("event").asText().equals("alert"))
        .map(n -> n.path("value")).toList();
    JsonNode alert = alerts.stream().filter(a -> a.path("articleIds").toString().contains("confluent-js-1"))
        .findFirst().orElseThrow();
    assertThat(alert.path("topic").asText()).isEqualTo("deterrence");
    assertThat(alert.path("title").asText()).isEqualTo("Allies pledge extended deterrence against North Korea's nuclear threat");
    assertThat(alert.path("evidence")).isNotEmpty();

    // What Confluent's deserializer decoded is what ours reads from the same record.
    Alert ours = ourAlerts(platform, p + ".alerts", registry).stream()
        .filter(a -> a.getAlertId().equals(alert.path("alertId").asText())).findFirst().orElseThrow();
    assertThat(ours.getTopic()).isEqualTo(alert.path("topic").asText());
    assertThat(ours.getSeverity().name()).isEqualTo(alert.path("severity").asText());
    assertThat(ours.getSummary()).isEqualTo(alert.path("summary").asText());
    assertThat(ours.getCreatedAt().toEpochMilli()).isEqualTo(alert.path("createdAt").asLong());
    assertThat(ours.getEvidence()).hasSize(alert.path("evidence").size());
  }

  private List<JsonNode> runClient(TestPlatform platform, String prefix) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("node", CLIENT.getFileName().toString())
        .directory(CLIENT.getParent().toFile())
        .redirectOutput(tmp.resolve("client.out").toFile())
        .redirectError(tmp.resolve("client.err").toFile());
    Map<String, String> env = pb.environment();
    env.put("BOOTSTRAP", platform.bootstrapServers());
    env.put("REGISTRY_URL", platform.registryUrl());
    env.put("RAW_TOPIC", prefix + ".raw");
    env.put("ALERTS_TOPIC", prefix + ".alerts");
    env.put("ARTICLE_FILE", Path.of("src/test/resources/confluent/article.json").toAbsolutePath().toString());
    env.put("TIMEOUT_MS", Long.toString(CLIENT_TIMEOUT.toMillis()));
    // Fails (IOException) when node is not installed: this test must not pass without it.
    Process node = pb.start();
    // The client ends itself at its deadline; this wait only guards against a node that cannot.
    boolean exited = node.waitFor(CLIENT_TIMEOUT.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      node.destroyForcibly();
    }
    String err = Files.readString(tmp.resolve("client.err"), StandardCharsets.UTF_8);
    List<String> lines = Files.readAllLines(tmp.resolve("client.out"), StandardCharsets.UTF_8);
    System.err.print(err); // the client's steps with their times, in the test's output
    assertThat(exited).as("node exited; stderr: %s; stdout: %s", err, lines).isTrue();
    assertThat(node.exitValue()).as("node exit code; stderr: %s; stdout: %s", err, lines).isZero();
    List<JsonNode> out = new ArrayList<>();
    for (String line : lines) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static List<Alert> ourAlerts(TestPlatform platform, String topic, RegistryClient registry) {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, platform.uniqueName("verify"));
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Alert> alerts = new ArrayList<>();
    try (var c = new KafkaConsumer<>(cp, new StringDeserializer(), new AvroDeserializer<Alert>(registry, Alert.class))) {
      c.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        c.poll(Duration.ofMillis(200)).forEach(r -> alerts.add(r.value()));
        return !alerts.isEmpty();
      });
    }
    return alerts;
  }
}
