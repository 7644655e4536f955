package io.newswatch.ingest.kafka;

import io.newswatch.ingest.ArticleSink;
import io.newswatch.schemas.avro.FeedState;

/** An article sink that also keeps each feed's polling state (the compacted state topic, in production). */
public interface FeedStateSink extends ArticleSink {

  /** Stores a feed's state; durable once {@link #flush()} returns. */
  void saveFeedState(FeedState state);
}
