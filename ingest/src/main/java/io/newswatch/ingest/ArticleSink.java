package io.newswatch.ingest;

import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;

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
}
