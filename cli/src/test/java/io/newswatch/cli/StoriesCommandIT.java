package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.TagRole;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code newswatch stories} against a real broker and registry: stories per topic, one story's articles, JSON. */
@WithPlatform
class StoriesCommandIT {

  private static final Instant T0 = Instant.parse("2026-11-22T07:00:00Z");
  private TestPlatform platform;
  private String topic;

  @BeforeEach
  void produceStories(TestPlatform platform) throws Exception {
    this.platform = platform;
    topic = platform.uniqueName("alerts");
    platform.createTopics(Map.of(topic, 3));
    List<Alert> alerts = new ArrayList<>();
    alerts.add(alert("dmz-v1", "story-dmz", "dmz", AlertKind.TOPIC, 1, "wire.example", "en", List.of(), 0,
        "Soldiers cross the Military Demarcation Line"));
    alerts.add(alert("dmz-v2", "story-dmz", "dmz", AlertKind.UPDATE, 2, "arabic-daily.example", "ar",
        List.of("wire.example"), 70, "جنود يعبرون خط الترسيم العسكري"));
    alerts.add(alert("det-1", "story-det", "deterrence", AlertKind.TOPIC, 1, "capital.example", "en", List.of(), 240,
        "Allies reaffirm extended deterrence"));
    alerts.add(Alert.newBuilder(alert("det-1-dmz", "story-det", "dmz", AlertKind.TOPIC, 1, "capital.example", "en",
        List.of(), 240, "Allies reaffirm extended deterrence")).setRole(TagRole.SECONDARY).build());
    alerts.add(Alert.newBuilder(alert("dmz-v1", "story-dmz", "dmz", AlertKind.TOPIC, 1, "wire.example", "en", List.of(),
        0, "Soldiers cross the Military Demarcation Line")).build()); // a re-delivered alert
    Properties pp = new Properties();
    pp.put("bootstrap.servers", platform.bootstrapServers());
    var serde = Topics.ALERTS.renamed(topic).valueSerde(new RegistryClient(RegistryConfig.of(platform.registryUrl())));
    try (var producer = new KafkaProducer<>(pp, new StringSerializer(), serde.serializer())) {
      for (Alert a : alerts) {
        producer.send(new ProducerRecord<>(topic, a.getStoryId(), a)).get();
      }
    }
  }

  @Test
  void shouldListEachStoryOncePerTopicAtItsLatestVersionWhenAskedForRecentStories() {
    Run run = run("stories");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("deterrence (1 story, newest first)", "dmz (2 stories, newest first)");
    List<String> dmz = run.out().lines().dropWhile(l -> !l.startsWith("dmz ")).skip(1).toList();
    assertThat(dmz).hasSize(2);
    assertThat(dmz.get(0)).startsWith("  story-det  MEDIUM  secondary  v1");
    assertThat(dmz.get(1)).startsWith("  story-dmz  HIGH  primary  v2  2 articles  2 outlets  ar,en")
        .endsWith("جنود يعبرون خط الترسيم العسكري");

    assertThat(run("stories", "--since", "0s").out()).contains("No stories in the alerts of the last 0s.");
  }

  @Test
  void shouldPrintTheLivePagesJsonWhenAskedForOneTopicAsJson() throws Exception {
    Run run = run("stories", "--topic", "deterrence", "--json");

    JsonNode stories = new ObjectMapper().readTree(run.out());
    assertThat(stories).singleElement().satisfies(s -> {
      assertThat(s.get("storyId").asText()).isEqualTo("story-det");
      assertThat(s.get("topic").asText()).isEqualTo("deterrence");
      assertThat(s.get("role").asText()).isEqualTo("PRIMARY");
    });
  }

  @Test
  void shouldShowAStorysTopicsAndArticlesInEventTimeOrderWhenAskedForOne() throws Exception {
    Run text = run("stories", "show", "story-dmz");
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("story story-dmz: جنود يعبرون خط الترسيم العسكري",
        "topics: dmz (primary, HIGH, v2)", "2 articles, 2 outlets", "languages ar, en");
    List<String> articles = text.out().lines().dropWhile(l -> !l.equals("  articles:")).skip(1).toList();
    assertThat(articles).hasSize(2);
    assertThat(articles.get(0)).startsWith("    2026-11-22 07:00  en  wire.example  TOPIC v1");
    assertThat(articles.get(1)).startsWith("    2026-11-22 08:10  ar  arabic-daily.example  UPDATE v2");

    JsonNode story = new ObjectMapper().readTree(run("stories", "show", "story-det", "--json").out());
    assertThat(story.get("topics")).extracting(t -> t.get("topic").asText()).containsExactly("deterrence", "dmz");
    assertThat(story.get("articles")).singleElement().satisfies(a -> assertThat(a.get("articleId").asText())
        .isEqualTo("article-det-1"));

    Run missing = run("stories", "show", "no-such-story");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no story 'no-such-story'").contains("--since");
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = NewswatchCli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl(),
        "--set", "sink.topic.alerts=" + topic));
    int code = cl.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int code, String out, String err) {
  }

  private static Alert alert(String id, String story, String topic, AlertKind kind, int version, String source,
      String lang, List<String> others, int minutes, String title) {
    Instant at = T0.plusSeconds(60L * minutes);
    boolean dmz = story.equals("story-dmz");
    return Alert.newBuilder()
        .setAlertId(id).setKind(kind).setSeverity(dmz ? Severity.HIGH : Severity.MEDIUM)
        .setSeverityReasons(List.of()).setTopic(topic).setRuleId(topic).setStoryId(story)
        .setArticleIds(List.of("article-" + id.replace("-dmz", ""))).setTitle(title).setSummary(title)
        .setUrl("https://" + source + "/" + id).setSource(source).setLang(lang).setScore(1.0).setEvidence(List.of())
        .setAlsoReportedBy(others).setTaxonomyVersion("t1").setPublishedAt(at).setCreatedAt(at)
        .setRole(TagRole.PRIMARY).setStoryVersion(version).setStoryArticles(version)
        .setStoryLanguages(version == 2 ? List.of("ar", "en") : List.of(lang))
        .setFirstSeen(dmz ? T0 : at).setLastSeen(at).build();
  }
}
