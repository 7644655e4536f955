package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.enrich.EnrichConfig;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.feed.FeedConfig;
import io.newswatch.ingest.feed.FeedsConfigLoader;
import io.newswatch.ingest.feed.IdentityPolicy;
import io.newswatch.ingest.normalize.ArticleJsonReader;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Evidence;
import io.newswatch.schemas.avro.SourceType;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.SinkConfig;
import io.newswatch.sink.webhook.HmacSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The formats docs/ shows are the ones the code reads and writes: every example marked
 * {@code <!-- checked: NAME -->} is parsed (or recomputed) here by the code that handles it for real.
 */
class DocsTest {
  private static final Path DOCS = Path.of(System.getProperty("newswatch.repo.root", ".."), "docs");
  private static final Pattern CHECKED = Pattern.compile("<!-- checked: ([a-z-]+) -->\\s*```[a-z]*\\n(.*?)\\n```",
      Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void shouldParseTheFeedsExampleWithTheFeedsLoader() throws IOException {
    List<FeedConfig> feeds = new FeedsConfigLoader().load(only("feeds.md", "feeds-file"), "docs/feeds.md");

    assertThat(feeds).extracting(FeedConfig::id).containsExactly("wire-en", "daily-ar");
    assertThat(feeds.get(0).interval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(feeds.get(1).identity()).isEqualTo(IdentityPolicy.CONTENT_HASH);
    assertThat(feeds.get(1).fetchFullText()).isTrue();
    assertThat(feeds.get(1).limits().maxItems()).isEqualTo(100);
    assertThat(feeds.get(1).limits().maxBodyBytes()).isEqualTo(5_242_880L);
  }

  @Test
  void shouldAcceptEveryPushExampleWithThePushReader() throws Exception {
    List<String> examples = blocks("push.md", "push-request");
    assertThat(examples).hasSize(2);
    ArticleJsonReader reader = new ArticleJsonReader();
    ArticleNormalizer normalizer = new ArticleNormalizer();
    List<String> ids = new ArrayList<>();
    for (String example : examples) {
      JsonNode root = JSON.readTree(example);
      for (JsonNode item : root.isArray() ? root : List.of(root)) {
        ids.add(normalizer.normalize(reader.read(item, SourceType.HTTP, Map.of()), Instant.now()).getId());
      }
    }
    assertThat(ids).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void shouldSignTheWebhookExampleAsTheSinkDoes() throws IOException {
    String body = only("webhooks.md", "webhook-body");
    String header = only("webhooks.md", "webhook-signature");
    String secret = find("webhooks.md", "With the secret `([^`]+)`");

    assertThat(header).isEqualTo("X-Newswatch-Signature: "
        + HmacSigner.signature(secret, body.getBytes(StandardCharsets.UTF_8)));
    assertThat(names(JSON.readTree(body))).containsExactlyElementsOf(names(AlertJson.envelope("s:a", "s", alert())));
  }

  @Test
  void shouldShowTheJsonlLineWithTheFieldsTheFileChannelWrites() throws IOException {
    JsonNode line = JSON.readTree(only("alerts-jsonl.md", "jsonl-line"));
    List<String> written = names(AlertJson.envelope("s:a", "s", alert()));
    written.add("deliveredAt");

    assertThat(names(line)).containsExactlyElementsOf(written);
    String table = Files.readString(DOCS.resolve("alerts-jsonl.md"), StandardCharsets.UTF_8);
    assertThat(written).allSatisfy(field -> assertThat(table).contains("| `" + field + "` |"));
    assertThat(line.path("deliveryKey").asText()).isEqualTo(line.path("subscriptionId").asText() + ":"
        + line.path("alertId").asText());
  }

  @Test
  void shouldLoadTheClusterConfigExampleWithEverySettingKnown() throws IOException {
    Path file = Files.writeString(tmp.resolve("newswatch.yaml"), only("existing-cluster.md", "cluster-config"));
    Map<String, String> defaults = new HashMap<>(EnrichConfig.defaults());
    defaults.putAll(IngestConfig.defaults());
    defaults.putAll(SinkConfig.defaults());

    Settings settings = ConfigKeys.checked(Settings.load(defaults, file, Map.of(
        "NEWSWATCH_KAFKA_SASL_JAAS_CONFIG", "x", "NEWSWATCH_REGISTRY_BASIC__AUTH", "u:p"), Map.of()));

    assertThat(settings.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "x");
    assertThat(settings.registryConfig().autoRegister()).isTrue();
    assertThat(settings.registryConfig().basicAuthUserInfo()).isEqualTo("u:p");
    assertThat(SinkConfig.from(settings).fileDir()).isEqualTo(Path.of("/srv/newswatch/alerts"));
    assertThat(EnrichConfig.from(settings).stateDir()).isEqualTo(Path.of("/var/lib/newswatch/streams"));
    assertThat(IngestConfig.from(settings).rawTopic()).isEqualTo("news.articles.raw");
  }

  private static Alert alert() {
    return Alert.newBuilder().setAlertId("a").setTopic("dmz")
        .setEvidence(List.of(Evidence.newBuilder().setTerm("t").setText("t").setField("body").setStart(0).setEnd(1)
            .setWeight(1.0).build()))
        .setCreatedAt(Instant.EPOCH).build();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String only(String doc, String name) throws IOException {
    List<String> found = blocks(doc, name);
    assertThat(found).as("one example '%s' in docs/%s", name, doc).hasSize(1);
    return found.get(0);
  }

  private static List<String> blocks(String doc, String name) throws IOException {
    Matcher m = CHECKED.matcher(Files.readString(DOCS.resolve(doc), StandardCharsets.UTF_8));
    List<String> found = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).equals(name)) {
        found.add(m.group(2));
      }
    }
    return found;
  }

  private static String find(String doc, String regex) throws IOException {
    Matcher m = Pattern.compile(regex).matcher(Files.readString(DOCS.resolve(doc), StandardCharsets.UTF_8));
    assertThat(m.find()).as("%s in docs/%s", regex, doc).isTrue();
    return m.group(1);
  }
}
