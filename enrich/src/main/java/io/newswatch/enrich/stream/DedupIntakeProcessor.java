package io.newswatch.enrich.stream;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.dedup.DedupText;
import io.newswatch.enrich.dedup.Fingerprint;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.matching.QueryMatcher;
import io.newswatch.enrich.tagging.AvroTags;
import io.newswatch.enrich.tagging.Document;
import io.newswatch.enrich.tagging.TaggingResult;
import io.newswatch.enrich.tagging.TopicTagger;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.avro.TopicTag;
import io.newswatch.schemas.internal.DedupProbe;
import io.newswatch.schemas.internal.DedupVotes;
import io.newswatch.schemas.internal.PendingArticle;
import java.nio.ByteBuffer;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * First step per article, keyed by article id: tags it, catches a repeated id at once, otherwise
 * parks the tagged article and scatters its dedup keys (LSH band keys and the exact content key).
 *
 * <p>Keys are grouped by bucket ({@code hash(key) mod buckets}, the partition count of the
 * repartition topic) and each bucket gets one probe holding all its keys: every key still always
 * meets the same task, but an article costs at most {@code buckets} probes and replies instead of
 * one per band.
 */
public final class DedupIntakeProcessor implements Processor<String, Article, String, Object> {
  /** The prefix of the exact content-hash key, so it never collides with a band key. */
  static final String EXACT_PREFIX = "h:";
  /** How often (in event time) expired state is purged. */
  static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  private final TopicTagger tagger;
  private final Fingerprinter fingerprinter;
  private final QueryMatcher queries;
  private final long horizonMs;
  private final int buckets;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, Long> seenIds;
  private KeyValueStore<String, PendingArticle> pending;
  private KeyValueStore<String, DedupVotes> votes;

  public DedupIntakeProcessor(TopicTagger tagger, Fingerprinter fingerprinter, QueryMatcher queries, Duration horizon,
      int buckets) {
    this.tagger = tagger;
    this.fingerprinter = fingerprinter;
    this.queries = queries;
    this.horizonMs = horizon.toMillis();
    this.buckets = buckets;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.seenIds = context.getStateStore(StoreNames.SEEN_IDS);
    this.pending = context.getStateStore(StoreNames.PENDING);
    this.votes = context.getStateStore(StoreNames.VOTES);
    context.schedule(PURGE_EVERY, PunctuationType.STREAM_TIME, this::purge);
  }

  /** Forgets ids older than the horizon (in event time). */
  private void purge(long streamTime) {
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = seenIds.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        if (kv.value < streamTime - horizonMs) {
          old.add(kv.key);
        }
      }
    }
    old.forEach(seenIds::delete);
  }

  /** The bucket of a dedup key; String.hashCode is specified by the language, so stable everywhere. */
  static int bucket(String key, int buckets) {
    return Math.floorMod(key.hashCode(), buckets);
  }

  @Override
  public void process(Record<String, Article> record) {
    Article article = record.value();
    if (article == null) {
      return;
    }
    String id = record.key() != null ? record.key() : article.getId();
    long ts = record.timestamp();
    Document doc = Document.of(id, article);
    TaggingResult tagging = tagger.tag(doc);
    TaggedArticle tagged = tagged(id, article, tagging);
    if (!tagged.getTags().isEmpty()) {
      // Only tagged articles raise alerts, and subscription queries filter alerts: the others
      // need no matching. Sorted, so that reprocessing writes the very same record.
      List<String> matched = new ArrayList<>(queries.match(doc));
      matched.sort(null);
      tagged.setMatchedQueries(matched);
    }

    if (seenBefore(id, ts)) {
      tagged.setDuplicate(DuplicateStatus.EXACT);
      tagged.setDuplicateOf(id);
      tagged.setSimilarity(1.0);
      tagged.setStoryId(id);
      context.forward(record.withKey(id).withValue(tagged));
      return;
    }
    seenIds.put(id, ts);

    Fingerprint fp = fingerprinter.fingerprint(dedupTerms(article, tagging));
    ByteBuffer signature = ByteBuffer.wrap(fp.signature().toBytes());
    int partition = context.recordMetadata().map(m -> m.partition()).orElse(-1);
    Map<Integer, DedupProbe.Builder> probes = new TreeMap<>();
    String contentKey = EXACT_PREFIX + fp.contentHash();
    probe(probes, bucket(contentKey, buckets), id, signature, ts, partition).setContentKey(contentKey);
    for (String band : fp.bandKeys()) {
      probe(probes, bucket(band, buckets), id, signature, ts, partition).getBandKeys().add(band);
    }
    pending.put(id, PendingArticle.newBuilder().setTagged(tagged).setExpectedReplies(probes.size()).build());
    votes.put(id, DedupVotes.newBuilder().setExpectedReplies(probes.size()).build());
    for (var e : probes.entrySet()) {
      context.forward(record.withKey("bucket-" + e.getKey()).withValue(e.getValue().build()));
    }
  }

  private static DedupProbe.Builder probe(Map<Integer, DedupProbe.Builder> probes, int bucket, String id,
      ByteBuffer signature, long ts, int partition) {
    return probes.computeIfAbsent(bucket, b -> DedupProbe.newBuilder().setArticleId(id)
        .setBandKeys(new ArrayList<>()).setSignature(signature.duplicate()).setOrderTime(ts).setSourcePartition(partition));
  }

  private boolean seenBefore(String id, long ts) {
    Long first = seenIds.get(id);
    return first != null && Math.abs(ts - first) <= horizonMs;
  }

  /**
   * Dedup compares articles by the terms of {@link DedupText}: NFC text analyzed in the language of
   * its script. The tagger has analyzed the same text already; its terms are the same whenever its
   * language is the script's and the text is NFC (as ingest writes it), which saves an analysis.
   */
  private static List<String> dedupTerms(Article article, TaggingResult tagging) {
    String text = article.getTitle() + "\n" + article.getBody();
    if (tagging.language().equals(TextLanguage.byScript(text).code())
        && Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
      return tagging.terms();
    }
    return DedupText.terms(text);
  }

  private TaggedArticle tagged(String id, Article article, TaggingResult result) {
    List<TopicTag> tags = new ArrayList<>(AvroTags.topicTags(result));
    return TaggedArticle.newBuilder()
        .setArticle(article)
        .setTags(tags)
        .setDuplicate(DuplicateStatus.UNKNOWN)
        .setStoryId(id)
        .setTaxonomyVersion(result.taxonomyVersion())
        .setProcessedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
        .build();
  }
}
