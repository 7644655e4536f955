package io.newswatch.ingest.feed;

/** How one poll went. */
public enum PollOutcome {
  /** The feed was fetched and parsed; the result holds the items not seen before (maybe none). */
  NEW,
  /** The server answered 304 Not Modified. */
  NOT_MODIFIED,
  /** Fetch or parse failed; the reason says why and the next poll is backed off. */
  ERROR
}
