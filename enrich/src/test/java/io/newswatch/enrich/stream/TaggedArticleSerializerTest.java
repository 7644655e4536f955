package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.Evidence;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.SourceType;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.avro.TopicTag;
import io.newswatch.schemas.internal.ArticleDecision;
import io.newswatch.schemas.internal.StoryEvent;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.schemas.serde.AvroSerializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class TaggedArticleSerializerTest {
  private static final String RAW = "news.articles.raw";
  private static final String TAGGED = "news.articles.tagged";
  private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final AvroSerializer<Article> rawWriter = new AvroSerializer<>(registry, false);
  private final AvroDeserializer<Article> rawReader = new AvroDeserializer<>(registry, Article.class);
  private final AvroSerializer<TaggedArticle> plain = new AvroSerializer<>(registry, false);
  private final AvroDeserializer<TaggedArticle> taggedReader = new AvroDeserializer<>(registry, TaggedArticle.class);
  private final TaggedArticleSerializer serializer = new TaggedArticleSerializer(registry);

  @Test
  void shouldWriteTheSameBytesAsEncodingTheArticleAgain() {
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      Article written = randomArticle(random, i);
      byte[] raw = rawWriter.serialize(RAW, written);
      TaggedArticle tagged = tagged(rawReader.deserialize(RAW, raw), random, i);

      byte[] spliced = serializer.serialize(TAGGED, decided(tagged, raw));

      assertThat(spliced).as("article %d", i).isEqualTo(plain.serialize(TAGGED, tagged));
      assertThat(taggedReader.deserialize(TAGGED, spliced)).isEqualTo(tagged);
    }
  }

  @Test
  void shouldCopyTheRawEncodingOfTheArticleNotEncodeTheDecodedOne() {
    // The map's order is the writer's in the raw bytes; decoded into a HashMap and encoded again it
    // can come out in another order. The copy keeps the raw order: proof that it copied.
    Map<String, String> ordered = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      ordered.put("k" + (97 - i), "v" + i);
    }
    Article written = randomArticle(new Random(3), 1);
    written.setAttributes(ordered);
    byte[] raw = rawWriter.serialize(RAW, written);
    Article decoded = rawReader.deserialize(RAW, raw);
    TaggedArticle tagged = tagged(decoded, new Random(3), 1);

    byte[] spliced = serializer.serialize(TAGGED, decided(tagged, raw));

    assertThat(new ArrayList<>(decoded.getAttributes().keySet()))
        .as("the decoded map iterates in another order than it was written")
        .isNotEqualTo(new ArrayList<>(ordered.keySet()));
    assertThat(Arrays.copyOfRange(spliced, 5, raw.length)).as("the raw article's bytes, as written")
        .isEqualTo(Arrays.copyOfRange(raw, 5, raw.length));
    assertThat(spliced).as("encoding the decoded article again writes the map in its other order")
        .isNotEqualTo(plain.serialize(TAGGED, tagged));
    assertThat(taggedReader.deserialize(TAGGED, spliced)).as("the same record either way").isEqualTo(tagged);
  }

  @Test
  void shouldEncodeTheArticleWhenTheRawRecordHasAnotherLayoutOrNoBytes() {
    // An older article schema without attributes: its bytes are not the article field's.
    Schema older = new Schema.Parser().parse("""
        {"type":"record","name":"Article","namespace":"io.newswatch.schemas.avro","fields":[
         {"name":"id","type":"string"},{"name":"url","type":["null","string"],"default":null},
         {"name":"canonicalUrl","type":["null","string"],"default":null},{"name":"source","type":"string","default":""},
         {"name":"sourceType","type":{"type":"enum","name":"SourceType","symbols":["UNKNOWN","FEED","FILE","HTTP"],"default":"UNKNOWN"},"default":"UNKNOWN"},
         {"name":"title","type":"string","default":""},{"name":"body","type":"string","default":""},
         {"name":"lang","type":"string","default":"und"},
         {"name":"publishedAt","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},
         {"name":"fetchedAt","type":{"type":"long","logicalType":"timestamp-millis"},"default":0},
         {"name":"contentHash","type":"string","default":""}]}""");
    GenericRecord old = new GenericData.Record(older);
    old.put("id", "old-1");
    old.put("sourceType", new GenericData.EnumSymbol(older.getField("sourceType").schema(), "FILE"));
    old.put("title", "Shots at the DMZ");
    old.put("body", "طلقات تحذيرية على الحدود");
    old.put("fetchedAt", T0.toEpochMilli());
    old.put("source", "outlet");
    old.put("lang", "ar");
    old.put("contentHash", "");
    byte[] raw = new AvroSerializer<GenericRecord>(registry, false).serialize(RAW, old);
    TaggedArticle tagged = tagged(rawReader.deserialize(RAW, raw), new Random(1), 0);
    assertThat(tagged.getArticle().getAttributes()).isEmpty();

    byte[] written = serializer.serialize(TAGGED, decided(tagged, raw));
    assertThat(written).isEqualTo(plain.serialize(TAGGED, tagged));
    assertThat(taggedReader.deserialize(TAGGED, written)).isEqualTo(tagged);

    assertThat(serializer.serialize(TAGGED, decided(tagged, null))).isEqualTo(plain.serialize(TAGGED, tagged));
    assertThat(serializer.serialize(TAGGED, null)).isNull();
  }

  private static DecidedArticle decided(TaggedArticle tagged, byte[] raw) {
    ArticleDecision d = ArticleDecision.newBuilder().setArticleId(tagged.getArticle().getId()).setSourcePartition(0)
        .setSourceOffset(0).setDuplicate(tagged.getDuplicate()).setStoryId(tagged.getStoryId())
        .setStoryEvent(StoryEvent.NONE).build();
    return new DecidedArticle(tagged, d, raw);
  }

  private static Article randomArticle(Random r, int i) {
    StringBuilder body = new StringBuilder();
    String[] words = {"المنطقة", "منزوعة", "السلاح", "DMZ", "troops", "😀", "Seoul", "\u0000", "é", "north"};
    for (int w = r.nextInt(400); w > 0; w--) {
      body.append(words[r.nextInt(words.length)]).append(r.nextInt(9) == 0 ? "\n" : " ");
    }
    Map<String, String> attrs = r.nextBoolean() ? Map.of() : Map.of("feed", "feed-" + i);
    return Article.newBuilder().setId("a-" + i).setUrl(r.nextBoolean() ? null : "https://example.test/" + i)
        .setCanonicalUrl(null).setSource("outlet-" + r.nextInt(5)).setSourceType(SourceType.values()[r.nextInt(4)])
        .setTitle(r.nextBoolean() ? "" : "عنوان " + i).setBody(body.toString()).setLang(r.nextBoolean() ? "ar" : "en")
        .setPublishedAt(r.nextBoolean() ? null : T0.minusSeconds(r.nextInt(10_000)))
        .setFetchedAt(T0.plusMillis(i)).setContentHash("h" + i).setAttributes(attrs).build();
  }

  private static TaggedArticle tagged(Article article, Random r, int i) {
    List<TopicTag> tags = new ArrayList<>();
    for (int t = r.nextInt(3); t > 0; t--) {
      tags.add(TopicTag.newBuilder().setTopic("dmz").setScore(r.nextDouble()).setSeverity(Severity.HIGH)
          .setSeverityReasons(List.of("shots")).setRuleIds(List.of("dmz.rule-" + t))
          .setEvidence(List.of(Evidence.newBuilder().setTerm("DMZ").setRule("dmz.rule-" + t)
              .setSnippet("المنطقة منزوعة السلاح").setStart(0).setEnd(5).build()))
          .build());
    }
    DuplicateStatus dup = DuplicateStatus.values()[1 + r.nextInt(3)];
    return TaggedArticle.newBuilder().setArticle(article).setTags(tags).setDuplicate(dup)
        .setDuplicateOf(dup == DuplicateStatus.UNIQUE ? null : "orig-" + i)
        .setSimilarity(dup == DuplicateStatus.NEAR ? 0.8 : null).setStoryId("s-" + i).setTaxonomyVersion("2026.12-2")
        .setProcessedAt(T0.plusSeconds(i)).setMatchedQueries(tags.isEmpty() ? null : List.of("q1", "q2")).build();
  }
}
