package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.internal.ArticleDecision;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by article id, on the article's raw partition: takes the parked tagged article (or reads the
 * raw article again and tags it again, when the park lost it) and applies the matcher's decision.
 */
public final class DecisionApplyProcessor implements Processor<String, ArticleDecision, String, DecidedArticle> {
  private static final Logger log = LoggerFactory.getLogger(DecisionApplyProcessor.class);

  private final ArticleTagging tagging;
  private final RawArticles raw;
  private ParkedArticles parked;
  private ProcessorContext<String, DecidedArticle> context;

  public DecisionApplyProcessor(ArticleTagging tagging, RawArticles raw) {
    this.tagging = tagging;
    this.raw = raw;
  }

  @Override
  public void init(ProcessorContext<String, DecidedArticle> context) {
    this.context = context;
    this.parked = context.getStateStore(StoreNames.PARKED);
  }

  @Override
  public void process(Record<String, ArticleDecision> record) {
    ArticleDecision d = record.value();
    if (d == null) {
      return;
    }
    ParkedArticles.Parked copy = parked.take(d.getSourceOffset());
    TaggedArticle tagged = copy == null ? null : copy.tagged();
    if (tagged == null) {
      Article article = raw.read(d.getSourcePartition(), d.getSourceOffset());
      if (article == null) {
        log.warn("article {} ({}@{}) is no longer in the raw topic; its decision is dropped", d.getArticleId(),
            d.getSourcePartition(), d.getSourceOffset());
        return;
      }
      // Same input, same taxonomy: the same tags as the lost parked copy.
      tagged = tagging.tag(d.getArticleId(), article, context.currentSystemTimeMs()).article();
    }
    tagged.setDuplicate(d.getDuplicate());
    tagged.setStoryId(d.getStoryId());
    if (d.getDuplicate() != DuplicateStatus.UNIQUE) {
      tagged.setDuplicateOf(d.getOriginalId());
      tagged.setSimilarity(d.getSimilarity());
    }
    context.forward(record.withValue(new DecidedArticle(tagged, d, copy == null ? null : copy.rawValue())));
  }
}
