package io.newswatch.ingest.feed;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured feed.
 *
 * @param id short stable name, the key of the feed's state ({@code [a-z0-9][a-z0-9._-]*})
 * @param url absolute http(s) URL of the RSS or Atom document
 * @param interval time between polls when all is well (at least 1 second)
 * @param identity how items are recognised as already seen
 * @param limits fetch and memory bounds
 * @param fetchFullText whether to fetch the linked page when an item carries only a short summary
 */
public record FeedConfig(
    String id, URI url, Duration interval, IdentityPolicy identity, FeedLimits limits, boolean fetchFullText) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  public FeedConfig {
    Objects.requireNonNull(id, "feed id is required");
    Objects.requireNonNull(url, "feed '" + id + "' needs a url");
    Objects.requireNonNull(interval, "feed '" + id + "' needs an interval");
    Objects.requireNonNull(identity, "feed '" + id + "' needs an identity policy (GUID, LINK or CONTENT_HASH)");
    Objects.requireNonNull(limits, "feed '" + id + "' needs limits; use FeedLimits.defaults()");
    FeedLimits.require(ID.matcher(id).matches(), "feed id '" + id
        + "' must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100 chars");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    FeedLimits.require((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null,
        "feed '" + id + "' url '" + url + "' must be an absolute http:// or https:// URL");
    FeedLimits.require(interval.compareTo(Duration.ofSeconds(1)) >= 0,
        "feed '" + id + "' interval " + interval + " is too short; use at least 1 second (minutes in production)");
  }

  /** A feed with default limits, GUID identity, a 15-minute interval and full text fetched for short summaries. */
  public static FeedConfig of(String id, String url) {
    return new FeedConfig(id, URI.create(url), Duration.ofMinutes(15), IdentityPolicy.GUID, FeedLimits.defaults(), true);
  }
}
