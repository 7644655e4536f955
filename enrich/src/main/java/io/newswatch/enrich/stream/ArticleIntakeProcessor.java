package io.newswatch.enrich.stream;

import io.newswatch.enrich.dedup.CompactSignature;
import io.newswatch.enrich.dedup.DedupConfig;
import io.newswatch.enrich.dedup.Fingerprint;
import io.newswatch.enrich.tagging.TaggingResult;
import io.newswatch.enrich.tagging.TopicScore;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.TopicTag;
import io.newswatch.schemas.internal.ArticleProbe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First step per article, on its raw partition: tags it, fingerprints it, parks the tagged article
 * (with the record's bytes, which the tagged topic reuses) on the heap of its task and sends the
 * matcher a probe of hashes, ids and story signals, never the text. Stateless in Kafka terms:
 * nothing here is changelogged.
 *
 * <p>The raw value arrives as bytes and is decoded here, not by the source node: an article tagged
 * ahead comes with the copy its worker decoded, and decoding a 4 KB article again on the stream
 * thread cost ~6 % of that thread. A record that cannot be decoded throws here, and the processing
 * exception handler dead-letters it with its bytes, as the deserialization handler did.
 */
public final class ArticleIntakeProcessor implements Processor<String, byte[], String, ArticleProbe> {
  private final ArticleTagging tagging;
  private final TagAhead tagAhead;
  private final Deserializer<Article> articles;
  private final String rawTopic;
  private ParkedArticles parked;
  private ProcessorContext<String, ArticleProbe> context;

  /**
   * @param articles decodes what was not decoded ahead
   * @param rawTopic the topic the records come from, for the deserializer
   */
  public ArticleIntakeProcessor(ArticleTagging tagging, TagAhead tagAhead, Deserializer<Article> articles,
      String rawTopic) {
    this.tagging = tagging;
    this.tagAhead = tagAhead;
    this.articles = articles;
    this.rawTopic = rawTopic;
  }

  @Override
  public void init(ProcessorContext<String, ArticleProbe> context) {
    this.context = context;
    this.parked = context.getStateStore(StoreNames.PARKED);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    byte[] raw = record.value();
    if (raw == null) {
      return;
    }
    int partition = context.recordMetadata().map(m -> m.partition()).orElse(0);
    long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
    // Without a key the id is the article's own: the worker took it from the article it decoded.
    ArticleTagging.Analysis ahead = offset < 0 ? null : tagAhead.take(partition, offset, record.key());
    Article article = ahead != null ? ahead.article() : decode(raw);
    if (article == null) {
      return;
    }
    String id = record.key() != null ? record.key() : article.getId();
    ArticleTagging.Tagged tagged = tagging.tag(id, article, context.currentSystemTimeMs(), ahead);
    parked.park(offset, tagged.article(), raw);
    context.forward(record.withKey(id).withValue(probe(id, record.timestamp(), partition, offset, article, tagged, tagging.dedupConfig())));
  }

  private Article decode(byte[] raw) {
    try {
      return articles.deserialize(rawTopic, raw);
    } catch (RuntimeException e) {
      // A registry that cannot be reached stays visible as the cause: the handler retries those.
      throw new Undecodable(e);
    }
  }

  /** A raw record that is not an article: dead-lettered as one the source could not deserialize. */
  public static final class Undecodable extends SerializationException {
    public Undecodable(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }

  static ArticleProbe probe(String id, long time, int partition, long offset, Article article,
      ArticleTagging.Tagged tagged, DedupConfig config) {
    Fingerprint fp = tagged.fingerprint();
    TaggingResult result = tagged.result();
    List<String> topics = new ArrayList<>();
    Severity severity = Severity.UNKNOWN;
    for (TopicTag tag : tagged.article().getTags()) {
      topics.add(tag.getTopic());
      Severity s = tag.getSeverity() == null || tag.getSeverity() == Severity.UNKNOWN ? Severity.LOW : tag.getSeverity();
      if (s.ordinal() > severity.ordinal()) {
        severity = s;
      }
    }
    topics.sort(null);
    String primary = result.primary().map(TopicScore::topic).orElse(topics.isEmpty() ? null : topics.get(0));
    return ArticleProbe.newBuilder()
        .setArticleId(id)
        .setOrderTime(time)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setContentHash(Long.parseUnsignedLong(fp.contentHash().substring(0, 16), 16))
        .setSignature(ByteBuffer.wrap(CompactSignature.of(fp.signature(), config).toBytes()))
        .setPrimaryTopic(primary)
        .setTopics(topics)
        .setEntities(result.entities())
        .setSource(article.getSource() == null ? "" : article.getSource())
        .setLang(article.getLang() == null ? "und" : article.getLang())
        .setSeverity(severity)
        .build();
  }
}
