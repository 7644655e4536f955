package io.newswatch.enrich.stream;

import io.newswatch.enrich.dedup.Fingerprint;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.tagging.AvroTags;
import io.newswatch.enrich.tagging.Document;
import io.newswatch.enrich.tagging.TaggingResult;
import io.newswatch.enrich.tagging.TopicScore;
import io.newswatch.enrich.tagging.TopicTagger;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.avro.TopicTag;
import io.newswatch.schemas.internal.DedupProbe;
import io.newswatch.schemas.internal.PendingArticle;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * First step per article, keyed by article id: tags it, catches a repeated id at once, otherwise
 * parks the tagged article and scatters dedup probes keyed by band key. Emits either a decided
 * {@link TaggedArticle} (same key) or {@link DedupProbe}s (band keys).
 */
public final class DedupIntakeProcessor implements Processor<String, Article, String, Object> {
  /** The prefix of the exact content-hash key, so it never collides with a band key. */
  static final String EXACT_PREFIX = "h:";

  private final TopicTagger tagger;
  private final Fingerprinter fingerprinter;
  private final long horizonMs;
  private ProcessorContext<String, Object> context;
  private WindowStore<String, Long> seenIds;
  private KeyValueStore<String, PendingArticle> pending;

  public DedupIntakeProcessor(TopicTagger tagger, Fingerprinter fingerprinter, Duration horizon) {
    this.tagger = tagger;
    this.fingerprinter = fingerprinter;
    this.horizonMs = horizon.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.seenIds = context.getStateStore(StoreNames.SEEN_IDS);
    this.pending = context.getStateStore(StoreNames.PENDING);
  }

  @Override
  public void process(Record<String, Article> record) {
    Article article = record.value();
    if (article == null) {
      return;
    }
    String id = record.key() != null ? record.key() : article.getId();
    long ts = record.timestamp();
    TaggedArticle tagged = tag(id, article);

    if (seenBefore(id, ts)) {
      tagged.setDuplicate(DuplicateStatus.EXACT);
      tagged.setDuplicateOf(id);
      tagged.setSimilarity(1.0);
      tagged.setStoryId(id);
      context.forward(record.withKey(id).withValue(tagged));
      return;
    }
    seenIds.put(id, ts, ts);

    Fingerprint fp = fingerprinter.fingerprint(article.getTitle() + "\n" + article.getBody());
    ByteBuffer signature = ByteBuffer.wrap(fp.signature().toBytes());
    List<String> keys = new ArrayList<>(fp.bandKeys().size() + 1);
    keys.add(EXACT_PREFIX + fp.contentHash());
    keys.addAll(fp.bandKeys());
    pending.put(id, PendingArticle.newBuilder().setTagged(tagged).setExpectedReplies(keys.size()).build());
    for (String key : keys) {
      boolean exact = key.startsWith(EXACT_PREFIX);
      DedupProbe probe = DedupProbe.newBuilder().setArticleId(id).setExactKey(exact)
          .setSignature(exact ? ByteBuffer.allocate(0) : signature.duplicate()).setOrderTime(ts).build();
      context.forward(record.withKey(key).withValue(probe));
    }
  }

  private boolean seenBefore(String id, long ts) {
    try (WindowStoreIterator<Long> it = seenIds.fetch(id, Instant.ofEpochMilli(ts - horizonMs), Instant.ofEpochMilli(ts + horizonMs))) {
      return it.hasNext();
    }
  }

  private TaggedArticle tag(String id, Article article) {
    TaggingResult result = tagger.tag(new Document(id, article.getTitle(), article.getBody(), article.getLang()));
    List<TopicTag> tags = new ArrayList<>();
    for (TopicScore score : result.tags()) {
      TopicTag tag = AvroTags.topicTag(score, result.taxonomyVersion());
      tag.setSeverity(score.severity());
      tag.setSeverityReasons(score.severityReasons());
      tags.add(tag);
    }
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
