package io.newswatch.enrich;

import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.matching.QueryMatcher;
import io.newswatch.enrich.stories.StoryConfig;
import io.newswatch.enrich.stories.StoryMatcher;
import io.newswatch.enrich.stream.AlertFactory;
import io.newswatch.enrich.stream.ArticleIntakeProcessor;
import io.newswatch.enrich.stream.ArticleTagging;
import io.newswatch.enrich.stream.DecidedArticle;
import io.newswatch.enrich.stream.DecisionApplyProcessor;
import io.newswatch.enrich.stream.DecisionPartitioner;
import io.newswatch.enrich.stream.DedupMatcherProcessor;
import io.newswatch.enrich.stream.ParkedArticles;
import io.newswatch.enrich.stream.RawArticles;
import io.newswatch.enrich.stream.StoreNames;
import io.newswatch.enrich.stream.SubscriptionQueryUpdater;
import io.newswatch.enrich.stream.SurgeDetector;
import io.newswatch.enrich.stream.TagAhead;
import io.newswatch.enrich.stream.UntilFilter;
import io.newswatch.enrich.tagging.TopicTagger;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.avro.TopicTag;
import io.newswatch.schemas.internal.ArticleDecision;
import io.newswatch.schemas.internal.ArticleProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology: raw articles in; every article once, tagged, dedup-decided and placed in a
 * story, out on the tagged topic; story and surge alerts out on the alerts topic.
 *
 * <pre>
 * subscriptions-source -> subscription-queries (global store; keeps every subscription query in the matcher)
 * articles-raw-source (bytes) -> dedup-intake (decode, tag, match subscription queries, fingerprint, park the
 *     article and its raw bytes in dedup-parked; the decoded article, tags and fingerprint come ready
 *     from TagAhead's threads when they got there first)
 *     -> repartition dedup-probes (one partition: hashes, ids, story signals; no text)
 *     -> dedup-matcher (heap band index and open stories, rebuilt from dedup-index and story-index)
 *     -> repartition dedup-decisions (back to the raw partition) -> dedup-apply (unpark, apply the decision)
 *     -> enrich-metrics (counts)
 *     -> tagged-sink (the article's raw encoding copied, not encoded again: TaggedArticleSerializer)
 *     -> story-alerts -> alerts-merge -> alerts-sink
 *     -> surge-events -> repartition surge-by-topic -> surge-detector -> alerts-merge
 * </pre>
 */
public final class EnrichTopology {
  private EnrichTopology() {}

  public static Topology build(EnrichConfig config, EnrichSerdes serdes, TopicTagger tagger, Fingerprinter fingerprinter) {
    return build(config, new ArticleTagging(tagger, fingerprinter, new AnchorIndexMatcher()), serdes,
        RawArticles.none(), EnrichMetrics.none(), TagAhead.off());
  }

  /**
   * @param tagging the tagger, fingerprinter and subscription-query matcher; the matcher is filled by
   *     the global subscriptions store and read by the intake of every task (it is thread-safe)
   * @param raw reads a raw article again when its parked copy is gone (see {@link ParkedArticles})
   * @param metrics counts decided articles, tags, duplicates and stories
   * @param tagAhead analyses computed ahead of their turn, built on the same {@code tagging}
   */
  public static Topology build(EnrichConfig config, ArticleTagging tagging, EnrichSerdes serdes, RawArticles raw,
      EnrichMetrics metrics, TagAhead tagAhead) {
    QueryMatcher queries = tagging.queries();
    StreamsBuilder builder = new StreamsBuilder();
    // Every instance needs every subscription query, whatever partitions it owns: a global store.
    // Values stay bytes until the updater decodes them: see SubscriptionQueryUpdater for why.
    builder.addGlobalStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.SUBSCRIPTIONS), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled(),
        config.subscriptionsTopic(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("subscriptions-source"),
        () -> new SubscriptionQueryUpdater(queries, serdes.subscription().deserializer(), config.subscriptionsTopic()));
    Duration horizon = config.dedupHorizon();
    // The matcher's stores are its durable copy, read once at init to rebuild the heap and written
    // once per article (and per story change): no cache needed, every write is a new key or a
    // story's next version.
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.DEDUP_INDEX), Serdes.String(), serdes.dedupEntry()).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.STORIES), Serdes.String(), serdes.story()).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.SURGE), Serdes.String(), serdes.surge()).withCachingEnabled());
    // Connected to both the intake and the apply step: one task reads raw partition p and the
    // decisions for p, so the decision finds the article its own task parked.
    builder.addStateStore(ParkedArticles.builder(StoreNames.PARKED));

    // Values stay bytes until the intake: an article tagged ahead comes decoded already, and the
    // tagged topic reuses the raw encoding of the article (see ArticleIntakeProcessor).
    KStream<String, byte[]> rawArticles = builder
        .stream(config.rawTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("articles-raw-source"));
    if (config.processUntil() != null) {
      // A replay of a time range: later records are read (offsets must advance) but not processed.
      long until = config.processUntil().toEpochMilli();
      rawArticles = rawArticles.processValues(() -> new UntilFilter<byte[]>(until), Named.as("replay-until-filter"))
          .filter((k, v) -> v != null, Named.as("replay-until-drop"));
    }
    StoryMatcher stories = new StoryMatcher(StoryConfig.DEFAULTS.withWindow(config.storyWindow()));

    KStream<String, DecidedArticle> decided = rawArticles
        .process(() -> new ArticleIntakeProcessor(tagging, tagAhead, serdes.article().deserializer(), config.rawTopic()),
            Named.as("dedup-intake"), StoreNames.PARKED)
        // One partition: every probe meets every remembered article and every open story there.
        .repartition(Repartitioned.<String, ArticleProbe>as(StoreNames.PROBES_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(serdes.probe()).withNumberOfPartitions(1))
        .process(() -> new DedupMatcherProcessor(tagging.fingerprinter(), horizon, stories), Named.as("dedup-matcher"),
            StoreNames.DEDUP_INDEX, StoreNames.STORIES)
        .repartition(Repartitioned.<String, ArticleDecision>as(StoreNames.DECISIONS_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(serdes.decision())
            .withNumberOfPartitions(config.repartitionPartitions())
            .withStreamPartitioner(new DecisionPartitioner()))
        .process(() -> new DecisionApplyProcessor(tagging, raw), Named.as("dedup-apply"), StoreNames.PARKED)
        .peek((id, d) -> metrics.decided(d, System.currentTimeMillis()), Named.as("enrich-metrics"));

    decided.to(config.taggedTopic(), Produced.with(Serdes.String(), serdes.taggedOut()).withName("tagged-sink"));

    KStream<String, Alert> storyAlerts = decided.flatMap(
        (id, d) -> AlertFactory.alerts(d, eventTime(d.tagged())), Named.as("story-alerts"));

    KStream<String, Alert> surgeAlerts = decided
        .flatMap((id, d) -> surgeEvents(d.tagged()), Named.as("surge-events"))
        .repartition(Repartitioned.<String, Long>as(StoreNames.SURGE_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
        .processValues(() -> new SurgeDetector(config.surgeBucket(), config.surgeWindow(), config.surgeBaseline(),
            config.surgeFactor(), config.surgeMinCount()), Named.as("surge-detector"), StoreNames.SURGE);

    storyAlerts.merge(surgeAlerts.selectKey((topic, alert) -> alert.getAlertId(), Named.as("surge-alert-key")),
            Named.as("alerts-merge"))
        .to(config.alertsTopic(), Produced.with(Serdes.String(), serdes.alert()).withName("alerts-sink"));
    return builder.build();
  }

  private static long eventTime(TaggedArticle t) {
    return t.getArticle().getFetchedAt() == null ? 0 : t.getArticle().getFetchedAt().toEpochMilli();
  }

  /** One (topic, event time) per tag of a unique article: the input of surge detection. */
  private static List<KeyValue<String, Long>> surgeEvents(TaggedArticle t) {
    if (t.getDuplicate() != DuplicateStatus.UNIQUE) {
      return List.of();
    }
    long time = t.getArticle().getFetchedAt() == null ? 0 : t.getArticle().getFetchedAt().toEpochMilli();
    List<KeyValue<String, Long>> out = new ArrayList<>();
    for (TopicTag tag : t.getTags()) {
      out.add(KeyValue.pair(tag.getTopic(), time));
    }
    return out;
  }
}
