package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.Article;

/** Reads one raw article again by its partition and offset (see {@link ParkedArticles}). */
@FunctionalInterface
public interface RawArticles extends AutoCloseable {

  /** The article at that offset of the raw topic; null if it is gone (deleted by retention). */
  Article read(int partition, long offset);

  @Override
  default void close() {}

  /**
   * The raw topic could not be read (broker away, too slow): nothing is wrong with the record, so it
   * is never dead-lettered; the task fails and the decision is processed again after the restart.
   */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message);
    }
  }

  /** For topologies whose park can never miss (a single in-process test driver). */
  static RawArticles none() {
    return (partition, offset) -> {
      throw new IllegalStateException("raw article " + partition + "@" + offset
          + " is not parked and this topology has no raw-topic reader");
    };
  }
}
