package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.EnrichSerdes;
import io.newswatch.enrich.dedup.Fingerprint;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.stories.StoryConfig;
import io.newswatch.enrich.stories.StoryMatcher;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.internal.ArticleDecision;
import io.newswatch.schemas.internal.ArticleProbe;
import io.newswatch.schemas.internal.DedupEntry;
import io.newswatch.schemas.internal.StoryEvent;
import io.newswatch.schemas.internal.StoryState;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The matcher's decisions, and that its heap comes back whole from its stores after a restart. */
class DedupMatcherProcessorTest {
  private static final Fingerprinter FP = Fingerprinter.withDefaults();
  private static final String STORY_TEXT = "North Korean soldiers crossed the military demarcation line near Goseong "
      + "on Tuesday afternoon and returned north after South Korean troops fired warning shots, the Joint Chiefs said";
  private static final String OTHER_TEXT = "A delegation of officials discussed grain prices and a new railway bridge "
      + "across the river during a three day visit that ended without any statement on security matters";

  private final EnrichSerdes serdes = EnrichSerdes.with(new InMemorySchemaRegistry());
  private KeyValueStore<String, DedupEntry> index;
  private KeyValueStore<String, StoryState> stories;

  @BeforeEach
  void stores() {
    index = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.DEDUP_INDEX), Serdes.String(),
        serdes.dedupEntry()).withLoggingDisabled().build();
    stories = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.STORIES), Serdes.String(),
        serdes.story()).withLoggingDisabled().build();
  }

  private MockProcessorContext<String, ArticleDecision> started(DedupMatcherProcessor p) {
    MockProcessorContext<String, ArticleDecision> ctx = new MockProcessorContext<>();
    index.init(ctx.getStateStoreContext(), index);
    stories.init(ctx.getStateStoreContext(), stories);
    ctx.addStateStore(index);
    ctx.addStateStore(stories);
    p.init(ctx);
    return ctx;
  }

  private static DedupMatcherProcessor matcher() {
    return new DedupMatcherProcessor(FP, Duration.ofDays(7), new StoryMatcher(StoryConfig.DEFAULTS));
  }

  @Test
  void shouldFindCopiesAndStoriesAgainAfterARestartFromItsStores() {
    DedupMatcherProcessor first = matcher();
    MockProcessorContext<String, ArticleDecision> ctx = started(first);
    first.process(record(probe("a", 1_000, STORY_TEXT, "dmz", "outlet-1", List.of("place.goseong", "thing.warning_shots"))));
    first.process(record(probe("b", 2_000, OTHER_TEXT, null, "outlet-2", List.of())));
    assertThat(decisions(ctx)).extracting(ArticleDecision::getDuplicate)
        .containsExactly(DuplicateStatus.UNIQUE, DuplicateStatus.UNIQUE);
    assertThat(decisions(ctx).get(0).getStoryEvent()).isEqualTo(StoryEvent.NEW);
    assertThat(decisions(ctx).get(1).getStoryEvent()).as("an untagged article has no story").isEqualTo(StoryEvent.NONE);
    assertThat(index.approximateNumEntries()).isEqualTo(2);

    // A new processor on the same stores: what a restarted task sees after restoring its changelogs.
    DedupMatcherProcessor restarted = matcher();
    MockProcessorContext<String, ArticleDecision> ctx2 = new MockProcessorContext<>();
    ctx2.addStateStore(index);
    ctx2.addStateStore(stories);
    restarted.init(ctx2);
    restarted.process(record(probe("a-copy", 3_000, STORY_TEXT + " on Tuesday", "dmz", "outlet-3",
        List.of("place.goseong", "thing.warning_shots"))));
    restarted.process(record(probe("a", 1_000, STORY_TEXT, "dmz", "outlet-1", List.of())));
    List<ArticleDecision> after = decisions(ctx2);
    assertThat(after.get(0).getDuplicate()).isIn(DuplicateStatus.NEAR, DuplicateStatus.EXACT);
    assertThat(after.get(0).getOriginalId()).isEqualTo("a");
    assertThat(after.get(0).getStoryId()).isEqualTo("a");
    assertThat(after.get(0).getStoryEvent()).isEqualTo(StoryEvent.UPDATE);
    assertThat(after.get(0).getStoryVersion()).isEqualTo(2);
    assertThat(after.get(0).getStoryOutlets()).containsExactly("outlet-1", "outlet-3");
    assertThat(after.get(1).getDuplicate()).as("the same id again").isEqualTo(DuplicateStatus.EXACT);
    assertThat(after.get(1).getStoryEvent()).isEqualTo(StoryEvent.NONE);
  }

  @Test
  void shouldEscalateAStoryWhenALaterReportIsMoreSevere() {
    DedupMatcherProcessor p = matcher();
    MockProcessorContext<String, ArticleDecision> ctx = started(p);
    ArticleProbe low = probe("a", 1_000, STORY_TEXT, "dmz", "outlet-1", List.of());
    low.setSeverity(Severity.MEDIUM);
    ArticleProbe high = probe("b", 2_000, STORY_TEXT + " and a soldier was wounded", "dmz", "outlet-2", List.of());
    high.setSeverity(Severity.CRITICAL);
    p.process(record(low));
    p.process(record(high));
    assertThat(decisions(ctx)).extracting(ArticleDecision::getStoryEvent)
        .containsExactly(StoryEvent.NEW, StoryEvent.ESCALATION);
    assertThat(stories.get("a").getSeverity()).isEqualTo(Severity.CRITICAL);
  }

  private static Record<String, ArticleProbe> record(ArticleProbe probe) {
    return new Record<>(probe.getArticleId(), probe, probe.getOrderTime());
  }

  private static List<ArticleDecision> decisions(MockProcessorContext<String, ArticleDecision> ctx) {
    return ctx.forwarded().stream().map(f -> (ArticleDecision) f.record().value()).toList();
  }

  private static ArticleProbe probe(String id, long time, String text, String topic, String source,
      List<String> entities) {
    Fingerprint fp = FP.fingerprint(text);
    ArticleProbe probe = ArticleProbe.newBuilder()
        .setArticleId(id)
        .setOrderTime(time)
        .setSourcePartition(0)
        .setSourceOffset(time)
        .setContentHash(Long.parseUnsignedLong(fp.contentHash().substring(0, 16), 16))
        .setSignature(ByteBuffer.wrap(io.newswatch.enrich.dedup.CompactSignature.of(fp.signature(), FP.config()).toBytes()))
        .setPrimaryTopic(topic)
        .setTopics(topic == null ? List.of() : List.of(topic))
        .setEntities(entities)
        .setSource(source)
        .setLang("en")
        .setSeverity(Severity.LOW)
        .build();
    return probe;
  }
}
