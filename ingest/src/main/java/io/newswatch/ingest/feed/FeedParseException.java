package io.newswatch.ingest.feed;

/** A fetched document that is not a usable RSS or Atom feed (invalid XML, HTML, DOCTYPE present). */
public final class FeedParseException extends Exception {
  public FeedParseException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
