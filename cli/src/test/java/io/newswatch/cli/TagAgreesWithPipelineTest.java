package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.EnrichSerdes;
import io.newswatch.enrich.EnrichStreamsProperties;
import io.newswatch.enrich.EnrichTopology;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.tagging.TaggingResult;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import io.newswatch.enrich.tagging.TopicScore;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.avro.TopicTag;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import io.newswatch.schemas.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newswatch tag} and the live enrich topology give the same topics, roles, scores and
 * language for the same files: both read them through ingest and tag {@code Document.of(article)}.
 */
class TagAgreesWithPipelineTest {

  @TempDir
  Path state;

  @Test
  void shouldGiveTheSameTopicsScoresAndLanguageOfflineAndInTheTopology() throws Exception {
    TaxonomyTagger tagger = TaxonomyTagger.withDefaultTaxonomy();
    List<ArticleFiles.FileArticle> articles = new ArticleFiles()
        .read(List.of(OfflineCommandsTest.seeds(), OfflineCommandsTest.resource("offline/with-debris.txt"))).articles();
    assertThat(articles).hasSizeGreaterThanOrEqualTo(6);
    OfflineTagging offline = new OfflineTagging(tagger);

    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    EnrichSerdes serdes = EnrichSerdes.with(registry);
    EnrichConfig config = EnrichConfig.defaultsFor(state, 3);
    Properties kafka = new Properties();
    kafka.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    Properties props = EnrichStreamsProperties.build(config, kafka, RegistryConfig.of("http://unused"));
    props.put("newswatch.schema.registry.instance", registry);
    Map<String, TaggedArticle> live = new HashMap<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(
        EnrichTopology.build(config, serdes, tagger, Fingerprinter.withDefaults()), props)) {
      var raw = driver.createInputTopic(config.rawTopic(), new StringSerializer(), serdes.article().serializer());
      var tagged = driver.createOutputTopic(config.taggedTopic(), new StringDeserializer(), serdes.tagged().deserializer());
      Instant t = Instant.parse("2025-11-17T08:00:00Z");
      for (ArticleFiles.FileArticle a : articles) {
        Article article = a.article();
        t = t.plusSeconds(1);
        raw.pipeInput(article.getId(), article, t);
      }
      tagged.readKeyValuesToList().forEach(kv -> live.put(kv.key, kv.value));
    }

    for (ArticleFiles.FileArticle a : articles) {
      TaggingResult result = offline.tag(a).result();
      TaggedArticle out = live.get(a.article().getId());
      assertThat(out).as("%s reached news.articles.tagged", a.file()).isNotNull();
      assertThat(out.getArticle().getLang()).isEqualTo(a.article().getLang());
      List<TopicTag> tags = out.getTags();
      assertThat(tags).extracting(TopicTag::getTopic).as("topics of %s", a.file())
          .containsExactlyElementsOf(result.tags().stream().map(TopicScore::topic).toList());
      for (int i = 0; i < tags.size(); i++) {
        TopicScore expected = result.tags().get(i);
        assertThat(tags.get(i).getScore()).isEqualTo(expected.score());
        assertThat(tags.get(i).getPassageScore()).isEqualTo(expected.passageScore());
        assertThat(tags.get(i).getRole().name()).isEqualTo(expected.role().name());
        assertThat(tags.get(i).getEvidence()).hasSameSizeAs(expected.evidence());
      }
    }
  }
}
