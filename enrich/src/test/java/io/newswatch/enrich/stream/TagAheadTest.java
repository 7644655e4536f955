package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.EnrichSerdes;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.tagging.Document;
import io.newswatch.enrich.tagging.TaggingResult;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import io.newswatch.enrich.tagging.TopicTagger;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tagging ahead of the stream thread: same analysis as inline, never lost, never double work. */
class TagAheadTest {
  private static final TaxonomyTagger TAGGER = TaxonomyTagger.withDefaultTaxonomy();
  private static final Instant T0 = Instant.parse("2026-11-17T08:00:00Z");

  @TempDir
  Path stateDir;
  private final EnrichSerdes serdes = EnrichSerdes.with(new InMemorySchemaRegistry());
  private final Serializer<Article> ser = serdes.article().serializer();
  private TagAhead tagAhead;

  @AfterEach
  void close() {
    if (tagAhead != null) {
      tagAhead.close();
    }
  }

  private EnrichConfig config(int threads) {
    return EnrichConfig.defaultsFor(stateDir, 3).toBuilder().tagAheadThreads(threads).build();
  }

  private static Article article(String id, String body) {
    return Article.newBuilder().setId(id).setTitle("Warning shots at the DMZ").setBody(body)
        .setLang("en").setSource("outlet").setSourceType(SourceType.FILE).setFetchedAt(T0).setContentHash("")
        .build();
  }

  private static final Article A = article("a-1", "South Korean troops fired warning shots after North Korean "
      + "soldiers crossed the Military Demarcation Line in the central sector of the DMZ on Tuesday.");
  private static final Article B = article("b-2", "North Korea sent artillery shells and troops to Russia for "
      + "its war in Ukraine, Seoul's intelligence service told lawmakers on Friday.");

  private void offer(int partition, long offset, Article a) {
    tagAhead.offer(partition, offset, T0.toEpochMilli(), a.getId().getBytes(StandardCharsets.UTF_8),
        ser.serialize(config(1).rawTopic(), a));
  }

  private static void assertSameAnalysis(ArticleTagging.Analysis ahead, ArticleTagging.Analysis inline) {
    assertThat(ahead.id()).isEqualTo(inline.id());
    assertThat(ahead.result()).isEqualTo(inline.result());
    assertThat(ahead.fingerprint()).isEqualTo(inline.fingerprint());
  }

  @Test
  void shouldServeTheSameAnalysisTheStreamThreadWouldCompute() throws Exception {
    ArticleTagging tagging = new ArticleTagging(TAGGER, Fingerprinter.withDefaults(), new AnchorIndexMatcher());
    tagAhead = TagAhead.start(config(1), tagging, serdes.article().deserializer());
    offer(0, 10, A);
    offer(0, 11, B);
    awaitDone(tagAhead);

    ArticleTagging.Analysis a = tagAhead.take(0, 10, "a-1");
    ArticleTagging.Analysis b = tagAhead.take(0, 11, "b-2");
    assertThat(a).isNotNull();
    assertThat(b).isNotNull();
    assertSameAnalysis(a, tagging.analyze("a-1", A));
    assertSameAnalysis(b, tagging.analyze("b-2", B));
    assertThat(a.article()).as("the article the worker decoded, for the intake to use").isEqualTo(A);
    assertThat(b.article()).isEqualTo(B);
    assertThat(a.result().tags()).isNotEmpty(); // a real analysis, not an empty one
    assertThat(tagging.tag("a-1", A, 5, a).article()).isEqualTo(tagging.tag("a-1", A, 5).article());
    assertThat(tagAhead.served()).isEqualTo(2);
    assertThat(tagAhead.inline()).isZero();
    assertThat(tagAhead.pending()).isZero();
  }

  @Test
  void shouldServeARecordWithoutAKeyUnderItsArticlesOwnId() throws Exception {
    ArticleTagging tagging = new ArticleTagging(TAGGER, Fingerprinter.withDefaults(), new AnchorIndexMatcher());
    tagAhead = TagAhead.start(config(1), tagging, serdes.article().deserializer());
    tagAhead.offer(0, 4, T0.toEpochMilli(), null, ser.serialize(config(1).rawTopic(), A));
    tagAhead.offer(0, 5, T0.toEpochMilli(), "b-2".getBytes(StandardCharsets.UTF_8), ser.serialize(config(1).rawTopic(), A));
    awaitDone(tagAhead);

    ArticleTagging.Analysis keyless = tagAhead.take(0, 4, null);
    assertThat(keyless).as("taken, not left to wait until it is purged").isNotNull();
    assertThat(keyless.id()).isEqualTo("a-1");
    assertSameAnalysis(keyless, tagging.analyze("a-1", A));
    assertThat(tagAhead.take(0, 5, null)).as("keyed as b-2, though its article says a-1: not served keyless").isNull();
    assertThat(tagAhead.pending()).isZero();
  }

  @Test
  void shouldLeaveToTheStreamThreadWhatWasNotOfferedOrIsAnotherArticle() throws Exception {
    ArticleTagging tagging = new ArticleTagging(TAGGER, Fingerprinter.withDefaults(), new AnchorIndexMatcher());
    tagAhead = TagAhead.start(config(1), tagging, serdes.article().deserializer());
    offer(1, 5, A);
    awaitDone(tagAhead);
    assertThat(tagAhead.take(2, 5, "a-1")).as("another partition").isNull();
    assertThat(tagAhead.take(1, 5, "someone-else")).as("a key that is not the offered one").isNull();
    assertThat(tagAhead.inline()).isEqualTo(2);
    assertThat(tagAhead.served()).isZero();
  }

  @Test
  void shouldDropEntriesBelowTheOffsetTheStreamThreadTakes() throws Exception {
    ArticleTagging tagging = new ArticleTagging(TAGGER, Fingerprinter.withDefaults(), new AnchorIndexMatcher());
    tagAhead = TagAhead.start(config(1), tagging, serdes.article().deserializer());
    offer(0, 1, A); // e.g. a record the deserialization handler sent to the dead-letter topic
    offer(0, 2, A);
    offer(0, 3, B);
    awaitDone(tagAhead);
    assertThat(tagAhead.take(0, 3, "b-2")).isNotNull();
    assertThat(tagAhead.pending()).isZero();
    assertThat(tagAhead.take(0, 2, "a-1")).as("gone with the stale ones").isNull();
  }

  @Test
  void shouldHoldAtMostMaxPendingAndSkipTheRest() {
    CountDownLatch release = new CountDownLatch(1);
    ArticleTagging tagging = new ArticleTagging(blockingTagger(release), Fingerprinter.withDefaults(),
        new AnchorIndexMatcher());
    tagAhead = TagAhead.start(config(1), tagging, serdes.article().deserializer(), 2, null);
    offer(0, 1, A);
    offer(0, 2, A);
    offer(0, 3, B);
    assertThat(tagAhead.pending()).isEqualTo(2);
    release.countDown();
  }

  @Test
  void shouldLetTheStreamThreadClaimAnEntryNoWorkerStartedAndWaitForOneUnderWay() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ArticleTagging blocking = new ArticleTagging(blockingTagger(release), Fingerprinter.withDefaults(),
        new AnchorIndexMatcher());
    tagAhead = TagAhead.start(config(1), blocking, serdes.article().deserializer());
    offer(0, 1, A); // the one worker starts on A and blocks in the tagger
    offer(0, 2, B); // queued behind A: untouched
    await().atMost(Duration.ofSeconds(10)).until(() -> blocked.get() > 0);
    assertThat(blocked.get()).as("the worker is inside the tagger for A").isEqualTo(1);

    Thread streamThread = new Thread(() -> taken.set(tagAhead.take(0, 1, "a-1")));
    streamThread.start();
    streamThread.join(200);
    assertThat(streamThread.isAlive()).as("waits for the analysis under way").isTrue();
    release.countDown();
    streamThread.join(10_000);
    assertThat(taken.get()).isNotNull();

    assertThat(tagAhead.take(0, 2, "b-2")).as("B was claimed before a worker reached it, or served if done").satisfiesAnyOf(
        x -> assertThat(x).isNull(), x -> assertThat(x.id()).isEqualTo("b-2"));
  }

  @Test
  void shouldNotHoldAStreamThreadThatOutlivesCloseForARecordOfferedAfterIt() {
    ArticleTagging tagging = new ArticleTagging(TAGGER, Fingerprinter.withDefaults(), new AnchorIndexMatcher());
    tagAhead = TagAhead.start(config(1), tagging, serdes.article().deserializer());
    tagAhead.close(); // as when KafkaStreams#close timed out and a stream thread still runs
    assertThat(tagAhead.offer(0, 7, T0.toEpochMilli(), A.getId().getBytes(StandardCharsets.UTF_8),
        ser.serialize(config(1).rawTopic(), A))).as("no worker will run it").isFalse();
    assertThat(tagAhead.pending()).isZero();
    // Before the fix the rejected entry stayed in the map, claimed, with a latch no one counted down.
    ArticleTagging.Analysis taken = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> tagAhead.take(0, 7, "a-1"));
    assertThat(taken).as("the stream thread tags it itself").isNull();
    assertThat(tagAhead.inline()).isEqualTo(1);
  }

  @Test
  void shouldTakeNothingWhenOffOrPastAReplaysEnd() throws Exception {
    ArticleTagging tagging = new ArticleTagging(TAGGER, Fingerprinter.withDefaults(), new AnchorIndexMatcher());
    tagAhead = TagAhead.start(config(0), tagging, serdes.article().deserializer());
    assertThat(tagAhead.enabled()).isFalse();
    offer(0, 1, A);
    assertThat(tagAhead.take(0, 1, "a-1")).isNull();
    tagAhead.close();

    EnrichConfig replay = config(1).toBuilder().processUntil(T0.minus(Duration.ofHours(1))).build();
    tagAhead = TagAhead.start(replay, tagging, serdes.article().deserializer());
    offer(0, 1, A); // its timestamp T0 is past the replay's end: the topology skips it, so do we
    assertThat(tagAhead.pending()).isZero();
  }

  @Test
  void shouldOfferAFetchedBatchRoundRobinAcrossPartitionsAndKeepTheFirstOfferOfAnOffset() throws Exception {
    java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    TopicTagger recording = new TopicTagger() {
      @Override
      public TaggingResult tag(Document doc) {
        order.add(doc.id());
        return TAGGER.tag(doc);
      }

      @Override
      public String taxonomyVersion() {
        return TAGGER.taxonomyVersion();
      }
    };
    ArticleTagging tagging = new ArticleTagging(recording, Fingerprinter.withDefaults(), new AnchorIndexMatcher());
    tagAhead = TagAhead.start(config(1), tagging, serdes.article().deserializer());
    String topic = config(1).rawTopic();
    java.util.Map<org.apache.kafka.common.TopicPartition, java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>>> batch =
        new java.util.LinkedHashMap<>();
    for (int p = 0; p < 2; p++) {
      java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> list = new java.util.ArrayList<>();
      for (int o = 0; o < 3; o++) {
        Article a = article("p" + p + "-o" + o, A.getBody());
        list.add(new org.apache.kafka.clients.consumer.ConsumerRecord<>(topic, p, o, a.getId().getBytes(StandardCharsets.UTF_8),
            ser.serialize(topic, a)));
      }
      batch.put(new org.apache.kafka.common.TopicPartition(topic, p), list);
    }
    tagAhead.fetched(new org.apache.kafka.clients.consumer.ConsumerRecords<>(batch, java.util.Map.of()));
    awaitDone(tagAhead);
    // The stream thread runs each partition's task a few records at a time, in turns.
    assertThat(order).containsExactly("p0-o0", "p1-o0", "p0-o1", "p1-o1", "p0-o2", "p1-o2");

    // Fetched again (a rebalance): the entries waiting are kept, nothing is tagged twice.
    tagAhead.fetched(new org.apache.kafka.clients.consumer.ConsumerRecords<>(batch, java.util.Map.of()));
    awaitDone(tagAhead);
    assertThat(order).hasSize(6);
    assertThat(tagAhead.take(1, 2, "p1-o2")).isNotNull();
  }

  // Per test instance: a worker of another test's (closed) TagAhead must not count here.
  private final java.util.concurrent.atomic.AtomicInteger blocked = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicReference<ArticleTagging.Analysis> taken =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** The default tagger, held on a latch while it tags article a-1. */
  private TopicTagger blockingTagger(CountDownLatch release) {
    return new TopicTagger() {
      @Override
      public TaggingResult tag(Document doc) {
        if (doc.id().equals("a-1")) {
          blocked.incrementAndGet();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return TAGGER.tag(doc);
      }

      @Override
      public String taxonomyVersion() {
        return TAGGER.taxonomyVersion();
      }
    };
  }

  private static void awaitDone(TagAhead t) {
    // Done = every offered entry finished; an entry finishes in well under a second here.
    await().atMost(Duration.ofSeconds(20)).until(t::allDone);
  }
}
