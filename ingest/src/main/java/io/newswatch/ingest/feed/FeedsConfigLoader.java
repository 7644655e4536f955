package io.newswatch.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the feeds file (YAML) into validated {@link FeedConfig}s.
 *
 * <pre>
 * defaults:              # optional, applies to every feed
 *   interval: 15m        # 30s, 15m, 2h, 1d or ISO-8601 (PT15M)
 *   identity: GUID       # GUID | LINK | CONTENT_HASH
 *   fetchFullText: true  # fetch the linked page when an item has only a short summary
 *   limits: { maxBodyBytes: 5242880, maxDecodedBytes: 20971520, maxRedirects: 5,
 *             readTimeout: 30s, maxItems: 500, seenHorizon: 30d, maxSeen: 10000, pollTimeout: 2m }
 * feeds:
 *   - id: yonhap-ar
 *     url: https://example.org/rss.xml
 *     identity: CONTENT_HASH   # any default can be overridden per feed
 * </pre>
 *
 * <p>Unknown keys are errors (a typo must not silently fall back to a default); every message names the
 * feed and the key.
 */
public final class FeedsConfigLoader {

  private static final Set<String> FEED_KEYS = Set.of("id", "url", "interval", "identity", "fetchFullText", "limits");
  private static final Set<String> DEFAULT_KEYS = Set.of("interval", "identity", "fetchFullText", "limits");
  private static final Set<String> LIMIT_KEYS = Set.of("maxBodyBytes", "maxDecodedBytes", "maxRedirects",
      "readTimeout", "maxItems", "seenHorizon", "maxSeen", "pollTimeout");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  /** Loads and validates {@code file}. */
  public List<FeedConfig> load(Path file) throws IOException {
    try {
      return parse(yaml.readTree(Files.readAllBytes(file)), file.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Loads and validates YAML text; {@code origin} names it in messages. */
  public List<FeedConfig> load(String yamlText, String origin) throws IOException {
    try {
      return parse(yaml.readTree(yamlText), origin);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
    }
  }

  private List<FeedConfig> parse(JsonNode root, String origin) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("expected a mapping with a 'feeds' list");
    }
    checkKeys(root, Set.of("defaults", "feeds"), "top level");
    JsonNode defaults = root.path("defaults");
    if (!defaults.isMissingNode()) {
      checkKeys(defaults, DEFAULT_KEYS, "defaults");
    }
    JsonNode feeds = root.path("feeds");
    if (!feeds.isArray() || feeds.isEmpty()) {
      throw new IllegalArgumentException("'feeds' must be a non-empty list of feeds, each with an id and a url");
    }
    List<FeedConfig> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int index = 0;
    for (JsonNode feed : feeds) {
      String where = "feeds[" + index++ + "]" + (feed.hasNonNull("id") ? " (" + feed.get("id").asText() + ")" : "");
      if (!feed.isObject()) {
        throw new IllegalArgumentException(where + " must be a mapping with id and url");
      }
      checkKeys(feed, FEED_KEYS, where);
      FeedConfig config = feed(feed, defaults, where);
      if (!ids.add(config.id())) {
        throw new IllegalArgumentException(where + ": duplicate feed id '" + config.id() + "'; ids must be unique");
      }
      out.add(config);
    }
    return List.copyOf(out);
  }

  private FeedConfig feed(JsonNode feed, JsonNode defaults, String where) {
    String id = required(feed, "id", where);
    String url = required(feed, "url", where);
    Duration interval = duration(pick(feed, defaults, "interval"), where + ".interval", Duration.ofMinutes(15));
    String identityText = text(pick(feed, defaults, "identity"), "GUID");
    IdentityPolicy identity;
    try {
      identity = IdentityPolicy.valueOf(identityText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".identity '" + identityText + "' must be GUID, LINK or CONTENT_HASH");
    }
    JsonNode fullText = pick(feed, defaults, "fetchFullText");
    if (fullText != null && !fullText.isBoolean()) {
      throw new IllegalArgumentException(where + ".fetchFullText must be true or false");
    }
    FeedLimits limits = limits(defaults.path("limits"), feed.path("limits"), where);
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".url '" + url + "' is not a valid URL: " + e.getMessage());
    }
    try {
      // A short summary is rarely the whole story: fetch the linked page unless the feed says not to.
      return new FeedConfig(id, uri, interval, identity, limits, fullText == null || fullText.asBoolean());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private FeedLimits limits(JsonNode defaults, JsonNode own, String where) {
    for (JsonNode node : List.of(defaults, own)) {
      if (!node.isMissingNode()) {
        checkKeys(node, LIMIT_KEYS, where + ".limits");
      }
    }
    FeedLimits d = FeedLimits.defaults();
    try {
      return new FeedLimits(
          longValue(pick(own, defaults, "maxBodyBytes"), d.maxBodyBytes(), where),
          longValue(pick(own, defaults, "maxDecodedBytes"), d.maxDecodedBytes(), where),
          (int) longValue(pick(own, defaults, "maxRedirects"), d.maxRedirects(), where),
          duration(pick(own, defaults, "readTimeout"), where + ".limits.readTimeout", d.readTimeout()),
          (int) longValue(pick(own, defaults, "maxItems"), d.maxItems(), where),
          duration(pick(own, defaults, "seenHorizon"), where + ".limits.seenHorizon", d.seenHorizon()),
          (int) longValue(pick(own, defaults, "maxSeen"), d.maxSeen(), where),
          duration(pick(own, defaults, "pollTimeout"), where + ".limits.pollTimeout", d.pollTimeout()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".limits: " + e.getMessage(), e);
    }
  }

  private static JsonNode pick(JsonNode own, JsonNode defaults, String key) {
    if (own.hasNonNull(key)) {
      return own.get(key);
    }
    return defaults.hasNonNull(key) ? defaults.get(key) : null;
  }

  private static String required(JsonNode node, String key, String where) {
    if (!node.hasNonNull(key) || node.get(key).asText().isBlank()) {
      throw new IllegalArgumentException(where + " needs '" + key + "'");
    }
    return node.get(key).asText();
  }

  private static String text(JsonNode node, String fallback) {
    return node == null ? fallback : node.asText();
  }

  private static long longValue(JsonNode node, long fallback, String where) {
    if (node == null) {
      return fallback;
    }
    if (!node.canConvertToLong()) {
      throw new IllegalArgumentException(where + ": '" + node.asText() + "' must be a whole number");
    }
    return node.asLong();
  }

  static Duration duration(JsonNode node, String where, Duration fallback) {
    if (node == null) {
      return fallback;
    }
    String v = node.asText().strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(v.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + " '" + node.asText() + "' is not a duration; write 30s, 15m, 2h, 1d or PT15M");
    }
  }

  private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(where + ": unknown key '" + key + "'; allowed: " + new java.util.TreeSet<>(allowed));
      }
    }
  }
}
