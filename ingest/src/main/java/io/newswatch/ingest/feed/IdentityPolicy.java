package io.newswatch.ingest.feed;

/** How a feed's items are recognised as already seen. */
public enum IdentityPolicy {
  /** The item's GUID (RSS) or id (Atom), falling back to its link; right for well-behaved feeds. */
  GUID,
  /** The item's canonical link; for feeds whose GUIDs change on every edit. */
  LINK,
  /** A hash of the item's normalized title and text; for feeds that reuse GUIDs or links for new stories. */
  CONTENT_HASH
}
