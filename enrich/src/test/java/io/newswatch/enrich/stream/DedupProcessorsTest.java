package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.dedup.MinHashSignature;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.internal.BandEntry;
import io.newswatch.schemas.internal.BandPostings;
import io.newswatch.schemas.internal.DedupProbe;
import io.newswatch.schemas.internal.DedupReply;
import io.newswatch.schemas.internal.DedupVotes;
import io.newswatch.schemas.internal.PendingArticle;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import io.newswatch.schemas.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The dedup processors on their own, with MockProcessorContext: the orderings TopologyTestDriver cannot produce. */
class DedupProcessorsTest {
  private static final Fingerprinter FP = Fingerprinter.withDefaults();
  private static final String STORY = "North Korean soldiers crossed the Military Demarcation Line on Tuesday and "
      + "South Korean troops fired warning shots, the Joint Chiefs of Staff said, adding that the soldiers were "
      + "doing construction work near the border and returned north after the shots. It was the third such crossing "
      + "this month, and Seoul said it would respond firmly to any further violation of the line.";
  private static final String REWRITE = STORY.replace("on Tuesday", "on Tuesday morning")
      + " Analysts said the incidents reflect work on new fortifications.";
  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  @Test
  void shouldSendACorrectionToALaterArticleWhenItsEarlierOriginalArrivesSecond() {
    var ctx = new MockProcessorContext<String, DedupReply>();
    KeyValueStore<String, BandPostings> index = store(StoreNames.BAND_INDEX, AvroSerde.specific(registry, BandPostings.class, false));
    KeyValueStore<String, BandEntry> sigs = store(StoreNames.SIGNATURES, AvroSerde.specific(registry, BandEntry.class, false));
    index.init(ctx.getStateStoreContext(), index);
    sigs.init(ctx.getStateStoreContext(), sigs);
    ctx.addStateStore(index);
    ctx.addStateStore(sigs);
    var matcher = new BandMatcherProcessor(Duration.ofDays(7), FP.config().threshold());
    matcher.init(ctx);

    // The later article (t=2000) reaches the band index first, the earlier one (t=1000) second.
    matcher.process(new Record<>("bucket-0", probe("later", REWRITE, 2000), 2000));
    matcher.process(new Record<>("bucket-0", probe("earlier", STORY, 1000), 1000));

    List<DedupReply> replies = ctx.forwarded().stream().map(f -> (DedupReply) f.record().value()).toList();
    assertThat(replies).filteredOn(r -> !r.getCorrection()).extracting(DedupReply::getOriginalId).containsOnlyNulls();
    DedupReply correction = replies.stream().filter(DedupReply::getCorrection).findFirst().orElseThrow();
    assertThat(correction.getArticleId()).isEqualTo("later");
    assertThat(correction.getOriginalId()).isEqualTo("earlier");
    assertThat(correction.getSimilarity()).isGreaterThanOrEqualTo(FP.config().threshold());
  }

  @Test
  void shouldUseACorrectionWithoutCountingItAsAReply() {
    var ctx = new MockProcessorContext<String, TaggedArticle>();
    KeyValueStore<String, PendingArticle> pending = store(StoreNames.PENDING, AvroSerde.specific(registry, PendingArticle.class, false));
    KeyValueStore<String, DedupVotes> votes = store(StoreNames.VOTES, AvroSerde.specific(registry, DedupVotes.class, false));
    pending.init(ctx.getStateStoreContext(), pending);
    votes.init(ctx.getStateStoreContext(), votes);
    ctx.addStateStore(pending);
    ctx.addStateStore(votes);
    var decision = new DedupDecisionProcessor();
    decision.init(ctx);
    TaggedArticle t = TaggedArticle.newBuilder().setArticle(Article.newBuilder().setId("later").build())
        .setProcessedAt(Instant.now()).build();
    pending.put("later", PendingArticle.newBuilder().setTagged(t).setExpectedReplies(2).build());
    votes.put("later", DedupVotes.newBuilder().setExpectedReplies(2).build());

    decision.process(new Record<>("later", reply("later", null, false), 1));
    decision.process(new Record<>("later", reply("later", "earlier", true), 1));
    assertThat(ctx.forwarded()).isEmpty();
    decision.process(new Record<>("later", reply("later", null, false), 1));

    assertThat(ctx.forwarded()).hasSize(1);
    TaggedArticle out = (TaggedArticle) ctx.forwarded().get(0).record().value();
    assertThat(out.getDuplicate()).isEqualTo(DuplicateStatus.NEAR);
    assertThat(out.getDuplicateOf()).isEqualTo("earlier");
    assertThat(pending.get("later")).isNull();
    assertThat(votes.get("later")).isNull();
  }

  private static DedupReply reply(String id, String original, boolean correction) {
    return new DedupReply(id, original, original == null ? 0.0 : 0.8, false, -1, correction);
  }

  private static DedupProbe probe(String id, String text, long t) {
    var fp = FP.fingerprint(text);
    return DedupProbe.newBuilder().setArticleId(id).setBandKeys(new ArrayList<>(fp.bandKeys()))
        .setSignature(ByteBuffer.wrap(fp.signature().toBytes())).setOrderTime(t).build();
  }

  private static <V> KeyValueStore<String, V> store(String name, org.apache.kafka.common.serialization.Serde<V> serde) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
        .withLoggingDisabled().build();
  }

  static double similarity() {
    return MinHashSignature.fromBytes(FP.fingerprint(STORY).signature().toBytes())
        .jaccard(MinHashSignature.fromBytes(FP.fingerprint(REWRITE).signature().toBytes()));
  }
}
