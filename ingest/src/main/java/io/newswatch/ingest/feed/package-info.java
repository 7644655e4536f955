/**
 * Feed source: RSS 2.0 and Atom feeds polled over HTTP.
 *
 * <p>{@link io.newswatch.ingest.feed.FeedPoller} polls one {@link io.newswatch.ingest.feed.FeedConfig}
 * given its last {@code FeedState}: {@link io.newswatch.ingest.feed.HttpFetcher} makes a conditional,
 * size- and time-limited GET (every hop's addresses checked against the {@link
 * io.newswatch.ingest.feed.AddressPolicy} first, redirects followed by hand, gzip decoded under a cap), {@link
 * io.newswatch.ingest.feed.FeedParser} parses the body with Rome with DOCTYPEs refused, items already in
 * the state's {@code seen} map (keyed by the feed's {@link io.newswatch.ingest.feed.IdentityPolicy}) are
 * skipped, and the rest are normalized, optionally with the linked page's full text. The poll returns
 * new articles, rejects, the next state and when to poll again ({@link io.newswatch.ingest.feed.Backoff}
 * after failures). Feeds are configured in YAML read by {@link io.newswatch.ingest.feed.FeedsConfigLoader}.
 */
package io.newswatch.ingest.feed;
