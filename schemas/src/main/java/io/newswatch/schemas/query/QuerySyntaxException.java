package io.newswatch.schemas.query;

/** A query that cannot be parsed or has nothing to search for; the message says where and why. */
public final class QuerySyntaxException extends Exception {

  public QuerySyntaxException(String message) {
    super(message);
  }
}
