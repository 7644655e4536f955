package io.newswatch.ingest.feed;

import io.newswatch.ingest.normalize.RawArticle;

/**
 * One feed entry.
 *
 * @param guid RSS guid or Atom id, or null
 * @param link the entry's link, or null
 * @param article the entry as a raw article (summary or content as body)
 * @param hasFullContent whether the entry carried full content rather than a summary only
 */
public record FeedItem(String guid, String link, RawArticle article, boolean hasFullContent) {}
