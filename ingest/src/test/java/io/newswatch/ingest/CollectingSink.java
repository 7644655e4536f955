package io.newswatch.ingest;

import io.newswatch.schemas.avro.Article;
import io.newswatch.ingest.kafka.FeedStateSink;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.FeedState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory sink for tests. */
public final class CollectingSink implements FeedStateSink {
  public final List<Article> articles = new CopyOnWriteArrayList<>();
  public final List<DeadLetter> rejects = new CopyOnWriteArrayList<>();
  public final List<FeedState> feedStates = new CopyOnWriteArrayList<>();
  /** When set, flush fails as a producer does after a broker outage longer than its delivery timeout. */
  public volatile boolean failFlush;

  @Override
  public void accept(Article article) {
    articles.add(article);
  }

  @Override
  public void reject(DeadLetter deadLetter) {
    rejects.add(deadLetter);
  }

  @Override
  public void saveFeedState(FeedState state) {
    feedStates.add(state);
  }

  @Override
  public void flush() {
    if (failFlush) {
      throw new IllegalStateException("publishing failed: broker unavailable");
    }
  }
}
