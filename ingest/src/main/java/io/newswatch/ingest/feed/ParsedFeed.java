package io.newswatch.ingest.feed;

import java.util.List;

/**
 * A parsed feed document.
 *
 * @param title the feed's title, or empty
 * @param items its entries, in document order
 */
public record ParsedFeed(String title, List<FeedItem> items) {
  public ParsedFeed {
    items = List.copyOf(items);
  }
}
