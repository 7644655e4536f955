package io.newswatch.ingest.feed;

/** A fetch that produced no usable body, with a kind for metrics and backoff and a readable reason. */
public final class FetchException extends Exception {

  /** What went wrong. */
  public enum Kind {
    TIMEOUT,
    TOO_LARGE,
    TOO_MANY_REDIRECTS,
    REDIRECT_LOOP,
    HTTP_STATUS,
    BAD_BODY,
    NETWORK,
    /** The host resolves to an address the {@link AddressPolicy} denies (loopback, private, metadata...). */
    FORBIDDEN_ADDRESS
  }

  private final Kind kind;
  private final int status;

  public FetchException(Kind kind, String reason, int status, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
    this.status = status;
  }

  public FetchException(Kind kind, String reason) {
    this(kind, reason, -1, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#HTTP_STATUS}, else -1. */
  public int status() {
    return status;
  }
}
