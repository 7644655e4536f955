package io.newswatch.ingest.normalize;

/** Input that cannot become an article; the message is the reason given to the dead-letter record. */
public final class InvalidArticleException extends Exception {
  public InvalidArticleException(String reason) {
    super(reason);
  }

  public InvalidArticleException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
