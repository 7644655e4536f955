package io.newswatch.enrich;

import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.matching.QueryMatcher;
import io.newswatch.enrich.stream.AlertFactory;
import io.newswatch.enrich.stream.BandMatcherProcessor;
import io.newswatch.enrich.stream.DedupDecisionProcessor;
import io.newswatch.enrich.stream.DedupIntakeProcessor;
import io.newswatch.enrich.stream.ReplyPartitioner;
import io.newswatch.enrich.stream.StoreNames;
import io.newswatch.enrich.stream.SubscriptionQueryUpdater;
import io.newswatch.enrich.stream.SurgeDetector;
import io.newswatch.enrich.stream.UntilFilter;
import io.newswatch.enrich.tagging.TopicTagger;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.avro.TopicTag;
import io.newswatch.schemas.internal.DedupProbe;
import io.newswatch.schemas.internal.DedupReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology: raw articles in; every article once, tagged and dedup-decided, out on the
 * tagged topic; topic and surge alerts out on the alerts topic.
 *
 * <pre>
 * subscriptions-source -> subscription-queries (global store; keeps every subscription query in the matcher)
 * articles-raw-source -> dedup-intake (tag, match subscription queries, exact id, park, scatter one probe per band bucket)
 *     -> [decided: repeated id] ------------------------------+
 *     -> [probes] -> repartition dedup-bands -> dedup-band-matcher
 *                 -> repartition dedup-replies -> dedup-decision -> decided-merge
 * decided-merge -> tagged-sink
 *               -> topic-alerts -> alerts-merge -> alerts-sink
 *               -> surge-events -> repartition surge-by-topic -> surge-detector -> alerts-merge
 * </pre>
 */
public final class EnrichTopology {
  private EnrichTopology() {}

  public static Topology build(EnrichConfig config, EnrichSerdes serdes, TopicTagger tagger, Fingerprinter fingerprinter) {
    return build(config, serdes, tagger, fingerprinter, new AnchorIndexMatcher());
  }

  /**
   * @param queries the matcher of subscription queries: filled by the global subscriptions store,
   *     read by the intake of every task (it is thread-safe)
   */
  public static Topology build(EnrichConfig config, EnrichSerdes serdes, TopicTagger tagger, Fingerprinter fingerprinter,
      QueryMatcher queries) {
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
    // Key-value stores with point lookups, not window stores: a window fetch opens a RocksDB
    // iterator per segment, and dedup does dozens of lookups per article. Expiry is by event time,
    // checked on read and purged by punctuation. Caching lets the many updates of a commit interval
    // reach RocksDB and the changelog once.
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.SEEN_IDS), Serdes.String(), Serdes.Long()).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.BAND_INDEX), Serdes.String(), serdes.postings()).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.SIGNATURES), Serdes.String(), serdes.bandEntry()).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.PENDING), Serdes.String(), serdes.pending()).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.VOTES), Serdes.String(), serdes.votes()).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.SURGE), Serdes.String(), serdes.surge()).withCachingEnabled());

    KStream<String, Article> raw = builder
        .stream(config.rawTopic(), Consumed.with(Serdes.String(), serdes.article()).withName("articles-raw-source"));
    if (config.processUntil() != null) {
      // A replay of a time range: later records are read (offsets must advance) but not processed.
      long until = config.processUntil().toEpochMilli();
      raw = raw.processValues(() -> new UntilFilter(until), Named.as("replay-until-filter"))
          .filter((k, v) -> v != null, Named.as("replay-until-drop"));
    }
    KStream<String, Object> intake = raw
        .process(() -> new DedupIntakeProcessor(tagger, fingerprinter, queries, horizon, config.repartitionPartitions()),
            Named.as("dedup-intake"), StoreNames.SEEN_IDS, StoreNames.PENDING, StoreNames.VOTES);

    Map<String, KStream<String, Object>> branches = intake.split(Named.as("intake-"))
        .branch((k, v) -> v instanceof DedupProbe, Branched.as("probes"))
        .defaultBranch(Branched.as("decided"));
    KStream<String, DedupProbe> probes = branches.get("intake-probes").mapValues(v -> (DedupProbe) v, Named.as("as-probe"));
    KStream<String, TaggedArticle> decidedAtIntake =
        branches.get("intake-decided").mapValues(v -> (TaggedArticle) v, Named.as("as-tagged"));

    // Partition counts are explicit: the two repartition topics form a cycle with the intake, which
    // Streams cannot size by itself, and replies must land on the partition of their article.
    KStream<String, TaggedArticle> decidedByBands = probes
        .repartition(Repartitioned.<String, DedupProbe>as(StoreNames.BANDS_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(serdes.probe())
            .withNumberOfPartitions(config.repartitionPartitions()))
        .process(() -> new BandMatcherProcessor(horizon, fingerprinter.config().threshold()),
            Named.as("dedup-band-matcher"), StoreNames.BAND_INDEX, StoreNames.SIGNATURES)
        .repartition(Repartitioned.<String, DedupReply>as(StoreNames.REPLIES_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(serdes.reply())
            .withNumberOfPartitions(config.repartitionPartitions())
            .withStreamPartitioner(new ReplyPartitioner()))
        .process(DedupDecisionProcessor::new, Named.as("dedup-decision"), StoreNames.PENDING, StoreNames.VOTES);

    KStream<String, TaggedArticle> decided = decidedAtIntake.merge(decidedByBands, Named.as("decided-merge"));
    decided.to(config.taggedTopic(), Produced.with(Serdes.String(), serdes.tagged()).withName("tagged-sink"));

    KStream<String, Alert> topicAlerts = decided.flatMap(
        (id, t) -> AlertFactory.topicAlerts(t, t.getArticle().getFetchedAt() == null ? 0
            : t.getArticle().getFetchedAt().toEpochMilli()),
        Named.as("topic-alerts"));

    KStream<String, Alert> surgeAlerts = decided
        .flatMap((id, t) -> surgeEvents(t), Named.as("surge-events"))
        .repartition(Repartitioned.<String, Long>as(StoreNames.SURGE_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
        .processValues(() -> new SurgeDetector(config.surgeBucket(), config.surgeWindow(), config.surgeBaseline(),
            config.surgeFactor(), config.surgeMinCount()), Named.as("surge-detector"), StoreNames.SURGE);

    topicAlerts.merge(surgeAlerts.selectKey((topic, alert) -> alert.getAlertId(), Named.as("surge-alert-key")),
            Named.as("alerts-merge"))
        .to(config.alertsTopic(), Produced.with(Serdes.String(), serdes.alert()).withName("alerts-sink"));
    return builder.build();
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
