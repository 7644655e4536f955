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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First step per article, on its raw partition: tags it, fingerprints it, parks the tagged article
 * on the heap of its task and sends the matcher a probe of hashes, ids and story signals, never the
 * text. Stateless in Kafka terms: nothing here is changelogged.
 */
public final class ArticleIntakeProcessor implements Processor<String, Article, String, ArticleProbe> {
  private final ArticleTagging tagging;
  private final TagAhead tagAhead;
  private ParkedArticles parked;
  private ProcessorContext<String, ArticleProbe> context;

  public ArticleIntakeProcessor(ArticleTagging tagging, TagAhead tagAhead) {
    this.tagging = tagging;
    this.tagAhead = tagAhead;
  }

  @Override
  public void init(ProcessorContext<String, ArticleProbe> context) {
    this.context = context;
    this.parked = context.getStateStore(StoreNames.PARKED);
  }

  @Override
  public void process(Record<String, Article> record) {
    Article article = record.value();
    if (article == null) {
      return;
    }
    String id = record.key() != null ? record.key() : article.getId();
    int partition = context.recordMetadata().map(m -> m.partition()).orElse(0);
    long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
    ArticleTagging.Tagged tagged = tagging.tag(id, article, context.currentSystemTimeMs(),
        offset < 0 ? null : tagAhead.take(partition, offset, id));
    parked.park(offset, tagged.article());
    context.forward(record.withKey(id).withValue(probe(id, record.timestamp(), partition, offset, article, tagged, tagging.dedupConfig())));
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
