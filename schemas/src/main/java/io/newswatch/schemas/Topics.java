package io.newswatch.schemas;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.FeedState;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.avro.TaggedArticle;
import java.time.Duration;
import java.util.List;

/**
 * The topic catalog: every topic newswatch reads or writes, with its serdes and creation defaults.
 * Immutable; topics are created from {@link #ALL} at start when missing.
 */
public final class Topics {
  private static final Duration DAYS_30 = Duration.ofDays(30);
  private static final int PARTITIONS = 3;

  /** Articles as ingested, keyed by article id. */
  public static final Topic<Article> ARTICLES_RAW = new Topic<>("news.articles.raw", Article.class, PARTITIONS, DAYS_30, false);
  /** Every raw article once, with tags and duplicate status, keyed by article id. */
  public static final Topic<TaggedArticle> ARTICLES_TAGGED =
      new Topic<>("news.articles.tagged", TaggedArticle.class, PARTITIONS, DAYS_30, false);
  /** Alerts for subscribers, keyed by alert id. */
  public static final Topic<Alert> ALERTS = new Topic<>("news.alerts", Alert.class, PARTITIONS, DAYS_30, false);
  /** Subscriptions, keyed by subscription id; compacted, a tombstone deletes. */
  public static final Topic<Subscription> SUBSCRIPTIONS =
      new Topic<>("news.subscriptions", Subscription.class, 1, null, true);
  /** Per-feed polling state, keyed by feed id; compacted. */
  public static final Topic<FeedState> FEED_STATE = new Topic<>("news.ingest.feed-state", FeedState.class, 1, null, true);
  /** Input ingest could not turn into an article: malformed feeds, bad files, rejected pushes. */
  public static final Topic<DeadLetter> INGEST_REJECTED =
      new Topic<>("news.ingest.rejected", DeadLetter.class, 1, DAYS_30, false);
  /** Records enrich could not read or process (poison records). */
  public static final Topic<DeadLetter> ENRICH_DLQ = new Topic<>("news.enrich.dlq", DeadLetter.class, 1, DAYS_30, false);
  /** Deliveries the sink gave up on after its retries. */
  public static final Topic<DeadLetter> SINK_DLQ = new Topic<>("news.sink.dlq", DeadLetter.class, 1, DAYS_30, false);
  /** Every topic, in creation order. */
  public static final List<Topic<?>> ALL = List.of(
      ARTICLES_RAW, ARTICLES_TAGGED, ALERTS, SUBSCRIPTIONS, FEED_STATE, INGEST_REJECTED, ENRICH_DLQ, SINK_DLQ);

  private Topics() {}
}
