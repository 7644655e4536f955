package io.newswatch.ingest;

import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import java.util.concurrent.CompletableFuture;

/** Where ingest sources deliver their output: accepted articles and rejected input. */
public interface ArticleSink {

  /** Takes one normalized article; the id is stable, so delivering it twice is harmless downstream. */
  void accept(Article article);

  /** Takes input that could not become an article, with the reason. */
  void reject(DeadLetter deadLetter);

  /**
   * Returns once everything taken so far is durably published; throws if any of it could not be.
   * A source marks its input done (a file imported, a feed item seen) only after this returns.
   */
  default void flush() {}

  /**
   * Takes one article and completes once it is durably published (Kafka: the broker acknowledged it),
   * exceptionally if it cannot be. This default takes it and flushes, which suits sinks that are
   * durable when they return; a sink with acknowledgements of its own answers per record instead.
   */
  default CompletableFuture<Void> publish(Article article) {
    return durably(() -> accept(article));
  }

  /** Like {@link #publish(Article)}, for a dead letter. */
  default CompletableFuture<Void> publish(DeadLetter deadLetter) {
    return durably(() -> reject(deadLetter));
  }

  private CompletableFuture<Void> durably(Runnable take) {
    try {
      take.run();
      flush();
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
