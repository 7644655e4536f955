package io.newswatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.stream.StoreNames;
import io.newswatch.enrich.tagging.Document;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.Evidence;
import io.newswatch.schemas.avro.SourceType;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import io.newswatch.schemas.registry.SchemaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole enrich topology on TopologyTestDriver: dedup, tagging, alerts, surge, dead letters. */
class EnrichTopologyTest {
  private static final TaxonomyTagger TAGGER = TaxonomyTagger.withDefaultTaxonomy();
  private static final Instant T0 = Instant.parse("2025-11-17T08:00:00Z");

  @TempDir
  Path stateDir;

  private SchemaRegistry registry;
  private EnrichSerdes serdes;
  private EnrichConfig config;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Article> raw;
  private TestOutputTopic<String, TaggedArticle> tagged;
  private TestOutputTopic<String, Alert> alerts;

  @BeforeEach
  void setUp() {
    start(EnrichConfig.defaultsFor(stateDir, 3));
  }

  private void start(EnrichConfig cfg) {
    registry = new InMemorySchemaRegistry();
    serdes = EnrichSerdes.with(registry);
    config = cfg;
    Topology topology = EnrichTopology.build(config, serdes, TAGGER, Fingerprinter.withDefaults());
    Properties props = EnrichStreamsProperties.build(config, kafka(), io.newswatch.schemas.registry.RegistryConfig.of("http://unused"));
    props.put("newswatch.schema.registry.instance", registry);
    driver = new TopologyTestDriver(topology, props);
    raw = driver.createInputTopic(config.rawTopic(), new StringSerializer(), serdes.article().serializer());
    tagged = driver.createOutputTopic(config.taggedTopic(), new StringDeserializer(), serdes.tagged().deserializer());
    alerts = driver.createOutputTopic(config.alertsTopic(), new StringDeserializer(), serdes.alert().deserializer());
  }

  private static Properties kafka() {
    Properties p = new Properties();
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return p;
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldTagEverySeedWithItsPrimaryTopicAndEvidenceWhenPiped() throws Exception {
    Map<String, String> expected = labels();
    List<Article> seeds = seeds();
    pipe(seeds);

    Map<String, TaggedArticle> out = toMap(tagged.readKeyValuesToList());
    assertThat(out).hasSize(seeds.size());
    for (Article a : seeds) {
      TaggedArticle t = out.get(a.getId());
      assertThat(t.getDuplicate()).as(a.getId()).isEqualTo(DuplicateStatus.UNIQUE);
      assertThat(t.getTags()).as(a.getId()).isNotEmpty();
      assertThat(t.getTags().get(0).getTopic()).as("primary topic of " + a.getId()).isEqualTo(expected.get(a.getId()));
      for (Evidence e : t.getTags().get(0).getEvidence()) {
        String field = e.getField().equals("title") ? a.getTitle() : a.getBody();
        assertThat(field.substring(e.getStart(), e.getEnd())).isEqualTo(e.getText());
      }
    }
  }

  @Test
  void shouldMarkARewriteFromAnotherOutletAsNearDuplicateAndUpdateItsStoryInsteadOfAlertingAgain() throws Exception {
    Article original = seeds().stream().filter(a -> a.getId().startsWith("002")).findFirst().orElseThrow();
    Document rewrite = TestFiles.document(TestFiles.resource("topology/rewrite-of-seed-002.txt"));
    Article copy = article("other-outlet-1", rewrite.title(), rewrite.body());
    copy.setSource("other-outlet");
    pipe(List.of(original, copy));

    Map<String, TaggedArticle> out = toMap(tagged.readKeyValuesToList());
    assertThat(out.get(original.getId()).getDuplicate()).isEqualTo(DuplicateStatus.UNIQUE);
    TaggedArticle near = out.get("other-outlet-1");
    assertThat(near.getDuplicate()).isEqualTo(DuplicateStatus.NEAR);
    assertThat(near.getDuplicateOf()).isEqualTo(original.getId());
    assertThat(near.getStoryId()).isEqualTo(original.getId());
    assertThat(near.getSimilarity()).isBetween(0.3, 1.0);
    List<Alert> raised = alerts.readValuesToList();
    List<Alert> topic = raised.stream().filter(a -> a.getKind() == AlertKind.TOPIC).toList();
    assertThat(topic).isNotEmpty().allSatisfy(a -> {
      assertThat(a.getArticleIds()).containsExactly(original.getId());
      assertThat(a.getStoryVersion()).isEqualTo(1);
    });
    // The copy tells the desk that another outlet carries the story: one update, not a new alert.
    List<Alert> updates = raised.stream().filter(a -> a.getKind() == AlertKind.UPDATE).toList();
    assertThat(updates).singleElement().satisfies(u -> {
      assertThat(u.getStoryId()).isEqualTo(original.getId());
      assertThat(u.getStoryVersion()).isEqualTo(2);
      assertThat(u.getStoryArticles()).isEqualTo(2);
      assertThat(u.getArticleIds()).containsExactly("other-outlet-1");
      assertThat(u.getAlsoReportedBy()).containsExactly("test");
    });
  }

  @Test
  void shouldJoinAnotherLanguagesReportOfTheSameEventToItsStory() throws Exception {
    Article ar = pairArticle("p02_ar.txt", "ar", "outlet-ar");
    Article en = pairArticle("p02_en.txt", "en", "outlet-en");
    pipe(List.of(ar, en));

    Map<String, TaggedArticle> out = toMap(tagged.readKeyValuesToList());
    assertThat(out.get(en.getId()).getDuplicate()).as("another language is no copy").isEqualTo(DuplicateStatus.UNIQUE);
    assertThat(out.get(en.getId()).getStoryId()).isEqualTo(ar.getId());
    List<Alert> raised = alerts.readValuesToList();
    assertThat(raised.stream().filter(a -> a.getArticleIds().contains(en.getId()))).singleElement().satisfies(u -> {
      assertThat(u.getKind()).isEqualTo(AlertKind.UPDATE);
      assertThat(u.getStoryId()).isEqualTo(ar.getId());
      assertThat(u.getStoryLanguages()).containsExactly("ar", "en");
      assertThat(u.getAlsoReportedBy()).containsExactly("outlet-ar");
      assertThat(u.getFirstSeen()).isBefore(u.getLastSeen());
    });
  }

  @Test
  void shouldKeepTwoIncidentsOfTheSameTopicInTwoStories() throws Exception {
    // p02: the April 2025 eastern crossing; p03: the June 2024 central-front crossings (see labels.tsv).
    Article first = pairArticle("p02_ar.txt", "ar", "outlet-ar");
    Article other = pairArticle("p03_en.txt", "en", "outlet-en");
    pipe(List.of(first, other));

    Map<String, TaggedArticle> out = toMap(tagged.readKeyValuesToList());
    assertThat(out.get(other.getId()).getStoryId()).isEqualTo(other.getId());
    assertThat(alerts.readValuesToList()).isNotEmpty().allSatisfy(a -> assertThat(a.getKind()).isEqualTo(AlertKind.TOPIC));
  }

  @Test
  void shouldCountTagsDuplicatesAndStoriesForPrometheus() throws Exception {
    driver.close();
    var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    Topology topology = EnrichTopology.build(config, new io.newswatch.enrich.stream.ArticleTagging(TAGGER,
            Fingerprinter.withDefaults(), new io.newswatch.enrich.matching.AnchorIndexMatcher()), serdes,
        io.newswatch.enrich.stream.RawArticles.none(), new EnrichMetrics(meters), io.newswatch.enrich.stream.TagAhead.off());
    Properties props = EnrichStreamsProperties.build(config, kafka(), io.newswatch.schemas.registry.RegistryConfig.of("http://unused"));
    props.put("newswatch.schema.registry.instance", registry);
    driver = new TopologyTestDriver(topology, props);
    raw = driver.createInputTopic(config.rawTopic(), new StringSerializer(), serdes.article().serializer());
    Article original = seeds().stream().filter(a -> a.getId().startsWith("002")).findFirst().orElseThrow();
    Document rewrite = TestFiles.document(TestFiles.resource("topology/rewrite-of-seed-002.txt"));
    pipe(List.of(original, article("copy-1", rewrite.title(), rewrite.body()), original));

    assertThat(meters.counter(EnrichMetrics.ARTICLES, "duplicate", "unique").count()).isEqualTo(1.0);
    assertThat(meters.counter(EnrichMetrics.DUPLICATES, "kind", "near").count()).isEqualTo(1.0);
    assertThat(meters.counter(EnrichMetrics.DUPLICATES, "kind", "exact").count()).isEqualTo(1.0);
    assertThat(meters.counter(EnrichMetrics.TAGS, "topic", "russia_deployment", "role", "primary").count()).isEqualTo(1.0);
    assertThat(meters.counter(EnrichMetrics.STORIES, "event", "new").count()).isEqualTo(1.0);
    assertThat(meters.counter(EnrichMetrics.STORIES, "event", "update").count()).isEqualTo(1.0);
    assertThat(meters.timer(EnrichMetrics.INGEST_TO_ALERT).count()).isEqualTo(2);
  }

  @Test
  void shouldMarkTheSameTextUnderAnotherIdAsExactDuplicate() throws Exception {
    Article a = seeds().get(0);
    Article same = article("mirror-site-1", a.getTitle(), a.getBody());
    pipe(List.of(a, same));
    Map<String, TaggedArticle> out = toMap(tagged.readKeyValuesToList());
    assertThat(out.get("mirror-site-1").getDuplicate()).isEqualTo(DuplicateStatus.EXACT);
    assertThat(out.get("mirror-site-1").getDuplicateOf()).isEqualTo(a.getId());
  }

  @Test
  void shouldMarkARepeatedIdAsExactDuplicateAndAlertOnlyOnce() throws Exception {
    Article a = seeds().get(0);
    pipe(List.of(a, a));
    List<TaggedArticle> out = tagged.readValuesToList();
    assertThat(out).extracting(TaggedArticle::getDuplicate).containsExactly(DuplicateStatus.UNIQUE, DuplicateStatus.EXACT);
    List<Alert> raised = alerts.readValuesToList();
    assertThat(raised).extracting(Alert::getAlertId).doesNotHaveDuplicates();
  }

  @Test
  void shouldNeverMergeDifferentStoriesOnTheSameTopic() throws Exception {
    List<Article> sameTopic = seeds().stream().filter(a -> !a.getId().startsWith("000") && !a.getId().startsWith("001")).toList();
    pipe(sameTopic);
    assertThat(tagged.readValuesToList()).hasSize(sameTopic.size())
        .allSatisfy(t -> assertThat(t.getDuplicate()).isEqualTo(DuplicateStatus.UNIQUE));
  }

  @Test
  void shouldReproduceTheSameAlertIdsWhenTheInputIsReplayed() throws Exception {
    pipe(seeds());
    List<Alert> first = alerts.readValuesToList();
    driver.close();
    start(EnrichConfig.defaultsFor(stateDir.resolve("replay"), 3));
    pipe(seeds());
    List<Alert> second = alerts.readValuesToList();
    assertThat(first).isNotEmpty();
    assertThat(second).extracting(Alert::getAlertId).containsExactlyElementsOf(first.stream().map(Alert::getAlertId).toList());
    assertThat(first).allSatisfy(a -> {
      assertThat(a.getKind()).isEqualTo(AlertKind.TOPIC);
      assertThat(a.getEvidence()).isNotEmpty();
      assertThat(a.getSeverity()).isNotNull();
    });
  }

  @Test
  void shouldRaiseOneSurgeAlertWhenATopicSpikes() throws Exception {
    driver.close();
    start(EnrichConfig.defaultsFor(stateDir.resolve("surge"), 3)
        .withSurge(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(24), 3.0, 3));
    Article base = seeds().stream().filter(a -> a.getId().startsWith("002")).findFirst().orElseThrow();
    // Different stories on one topic: each one's body is a different seed, so none is a duplicate.
    List<Article> burst = new ArrayList<>();
    for (Article s : seeds()) {
      burst.add(article("burst-" + s.getId(), s.getTitle(), s.getBody()));
    }
    pipe(List.of(base));
    pipe(burst.subList(0, 0));
    List<Article> russia = new ArrayList<>();
    for (Article s : seeds()) {
      if (labels().get(s.getId()).equals("russia_deployment")) {
        russia.add(s);
      }
    }
    pipe(russia.stream().filter(a -> !a.getId().equals(base.getId())).toList());
    List<Alert> surges = alerts.readValuesToList().stream().filter(a -> a.getKind() == AlertKind.SURGE).toList();
    assertThat(surges).hasSize(1);
    assertThat(surges.get(0).getTopic()).isEqualTo("russia_deployment");
    assertThat(surges.get(0).getAlertId()).startsWith("surge-");
  }

  @Test
  void shouldNotRaiseASurgeAgainWhenAnOlderArticleArrivesAfterItEnded() throws Exception {
    driver.close();
    start(EnrichConfig.defaultsFor(stateDir.resolve("surge-order"), 3)
        .withSurge(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(24), 3.0, 3));
    List<Article> stories = blindArticles("ar", "russia_deployment");
    // Three stories in three minutes start a surge; one three hours later ends it; then a story
    // fetched during the burst arrives late (another partition was behind). It belongs to the
    // surge already raised: the windows must not move back to it and raise that surge again.
    Instant[] times = {T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(3 * 3600), T0.plusSeconds(90)};
    for (int i = 0; i < times.length; i++) {
      Article a = Article.newBuilder(stories.get(i)).setFetchedAt(times[i]).build();
      raw.pipeInput(a.getId(), a, times[i]);
    }

    List<Alert> surges = alerts.readValuesToList().stream().filter(a -> a.getKind() == AlertKind.SURGE).toList();
    assertThat(surges).hasSize(1);
    assertThat(surges.get(0).getCreatedAt()).isEqualTo(T0.plusSeconds(120));
  }

  /** Blind-set articles labelled with this primary topic, as raw articles with distinct ids. */
  private static List<Article> blindArticles(String lang, String topic) {
    Path dir = TestFiles.resource("eval-blind/" + lang);
    List<Article> out = new ArrayList<>();
    for (String[] row : TestFiles.tsv(dir.resolve("labels.tsv"))) {
      if (row[2].equals(topic)) {
        Document d = TestFiles.document(dir.resolve(row[0]));
        out.add(article(row[0], d.title(), d.body()));
      }
    }
    return out;
  }

  @Test
  void shouldSkipAndCountPoisonRecordsAndKeepProcessing() throws Exception {
    // Raw values are decoded by the intake, not the source: a record that is not an article is
    // dead-lettered by the processing handler, as one that cannot be deserialized, with its bytes.
    var bytes = driver.createInputTopic(config.rawTopic(), new StringSerializer(), new ByteArraySerializer());
    var dlq = driver.createOutputTopic(config.dlqTopic(), new StringDeserializer(),
        new io.newswatch.schemas.serde.AvroDeserializer<>(registry, io.newswatch.schemas.avro.DeadLetter.class));
    bytes.pipeInput("poison-1", new byte[] {9, 9, 9, 9, 9, 9});
    bytes.pipeInput("poison-2", new byte[] {0, 0, 0, 0x7f, 1, 2});
    pipe(List.of(seeds().get(0)));

    assertThat(tagged.readValuesToList()).hasSize(1);
    List<io.newswatch.schemas.avro.DeadLetter> letters = dlq.readValuesToList();
    assertThat(letters).hasSize(2);
    assertThat(letters.get(0).getReason()).startsWith("cannot deserialize at dedup-intake").contains("magic byte");
    assertThat(letters.get(1).getReason()).startsWith("cannot deserialize at dedup-intake");
    java.nio.ByteBuffer payload = letters.get(1).getPayload();
    byte[] kept = new byte[payload.remaining()];
    payload.get(kept);
    assertThat(kept).containsExactly(0, 0, 0, 0x7f, 1, 2);
    assertThat(driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals("dropped-records-total") && e.getKey().tags().containsKey("task-id"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum()).isEqualTo(2.0);
  }

  @Test
  void shouldListTheSubscriptionsWhoseQueryTheArticleMatchesOnItsAlerts() throws Exception {
    var subscriptions = driver.createInputTopic(config.subscriptionsTopic(), new StringSerializer(),
        serdes.subscription().serializer());
    subscriptions.pipeInput("russia", subscription("russia", "روسيا"));
    subscriptions.pipeInput("nothing", subscription("nothing", "xyzzy AND \"no such phrase\""));
    subscriptions.pipeInput("broken", subscription("broken", "(unclosed"));
    subscriptions.pipeInput("no-query", subscription("no-query", null));
    Article troops = seeds().stream().filter(a -> a.getId().startsWith("002")).findFirst().orElseThrow();
    Article later = seeds().stream().filter(a -> a.getId().startsWith("004")).findFirst().orElseThrow();

    pipe(List.of(troops));
    List<Alert> first = alerts.readValuesToList();
    subscriptions.pipeInput("russia", null);
    raw.pipeInput(later.getId(), later, T0.plusSeconds(60));
    List<Alert> second = alerts.readValuesToList();

    assertThat(first).isNotEmpty().allSatisfy(a -> assertThat(a.getMatchedQueries()).containsExactly("russia"));
    assertThat(second).isNotEmpty().allSatisfy(a -> assertThat(a.getMatchedQueries()).isEmpty());
  }

  @Test
  void shouldNameEveryNodeStoreAndRepartitionTopic() {
    String description = EnrichTopology.build(config, serdes, TAGGER, Fingerprinter.withDefaults()).describe().toString();
    assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
    assertThat(description).contains("articles-raw-source", "dedup-intake", "dedup-matcher", "dedup-apply",
        "tagged-sink", "story-alerts", "alerts-sink", "surge-detector", StoreNames.DEDUP_INDEX, StoreNames.STORIES,
        StoreNames.PARKED,
        StoreNames.SURGE, StoreNames.PROBES_REPARTITION + "-repartition", StoreNames.DECISIONS_REPARTITION + "-repartition",
        StoreNames.SURGE_REPARTITION + "-repartition", "subscriptions-source", StoreNames.SUBSCRIPTIONS);
  }

  private void pipe(List<Article> articles) {
    Instant t = T0;
    for (Article a : articles) {
      t = t.plusSeconds(1);
      raw.pipeInput(a.getId(), a, t);
    }
  }

  private static Map<String, TaggedArticle> toMap(List<KeyValue<String, TaggedArticle>> kvs) {
    Map<String, TaggedArticle> m = new HashMap<>();
    kvs.forEach(kv -> m.put(kv.key, kv.value));
    return m;
  }

  static List<Article> seeds() throws Exception {
    try (Stream<Path> files = Files.list(TestFiles.seeds())) {
      List<Article> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        Document d = TestFiles.document(f);
        out.add(article(f.getFileName().toString(), d.title(), d.body()));
      }
      return out;
    }
  }

  private static Map<String, String> labels() {
    Map<String, String> m = new HashMap<>();
    TestFiles.tsv(TestFiles.seeds().resolve("labels.tsv")).forEach(r -> m.put(r[0], r[2]));
    return m;
  }

  private static Subscription subscription(String id, String query) {
    return Subscription.newBuilder().setId(id).setChannel(Channel.LIVE).setQuery(query).build();
  }

  /** One article of the labelled ar/en pairs of stories/pairs (title = its first line). */
  private static Article pairArticle(String file, String lang, String source) throws Exception {
    Document d = TestFiles.document(TestFiles.resource("stories/pairs/" + file));
    Article a = article(file, d.title(), d.body());
    a.setLang(lang);
    a.setSource(source);
    return a;
  }

  static Article article(String id, String title, String body) {
    return Article.newBuilder().setId(id).setTitle(title).setBody(body).setLang("ar").setSource("test")
        .setSourceType(SourceType.FILE).setFetchedAt(T0).setContentHash("").build();
  }
}
