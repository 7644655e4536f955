package io.newswatch.ingest;

import io.newswatch.ingest.feed.AddressPolicy;
import io.newswatch.ingest.files.LinkPolicy;
import io.newswatch.runtime.ConfigException;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the ingest service runs: which sources, where they publish, and its limits. Built from
 * {@link Settings}; a bad value fails at start and names its key.
 *
 * @param watchDir folder watched for new files, or null
 * @param feedsFile YAML list of feeds, or null
 * @param httpPort port of the push endpoint, or -1 for none
 * @param httpToken bearer token of the push endpoint; without one the endpoint is off unless {@code httpOpen}
 * @param watchQuietPeriod how long a watched file must stay unchanged (size and modification time) before
 *     it is imported, so a writer that pauses is not read half-way
 * @param links whether symbolic links in the folder are read
 * @param fetchAllowNetworks networks the feed fetcher may reach besides public addresses (CIDRs)
 * @param threads threads normalizing folder and push input; 1 normalizes on the source's own thread
 * @param queue articles that may wait for normalization and publishing before sources are held back
 */
public record IngestConfig(
    String rawTopic,
    String rejectedTopic,
    String feedStateTopic,
    Path stateDir,
    Path watchDir,
    Duration watchInterval,
    Path feedsFile,
    int httpPort,
    String httpHost,
    Optional<String> httpToken,
    boolean httpOpen,
    long httpMaxBodyBytes,
    Duration httpReadTimeout,
    int httpThreads,
    Duration watchQuietPeriod,
    LinkPolicy links,
    List<String> fetchAllowNetworks,
    int threads,
    int queue) {

  public static final String TOPIC_RAW = "ingest.topic.raw";
  public static final String TOPIC_REJECTED = "ingest.topic.rejected";
  public static final String TOPIC_FEED_STATE = "ingest.topic.feed-state";
  public static final String STATE_DIR = "ingest.state.dir";
  public static final String WATCH_DIR = "ingest.watch-dir";
  public static final String WATCH_INTERVAL = "ingest.watch-interval";
  public static final String FEEDS = "ingest.feeds";
  public static final String HTTP_PORT = "ingest.http.port";
  public static final String HTTP_HOST = "ingest.http.host";
  public static final String HTTP_TOKEN = "ingest.http.token";
  public static final String HTTP_OPEN = "ingest.http.open";
  public static final String HTTP_MAX_BODY = "ingest.http.max-body-bytes";
  public static final String HTTP_READ_TIMEOUT = "ingest.http.read-timeout";
  public static final String HTTP_THREADS = "ingest.http.threads";
  public static final String WATCH_QUIET_PERIOD = "ingest.watch.quiet-period";
  public static final String FOLLOW_LINKS = "ingest.follow-links";
  public static final String FETCH_ALLOW_NETWORKS = "ingest.fetch.allow-networks";
  public static final String THREADS = "ingest.threads";
  public static final String QUEUE = "ingest.queue";
  /** Upper bounds that catch a typo (an extra zero) before it costs memory. */
  private static final int MAX_THREADS = 256;
  private static final int MAX_QUEUE = 1_000_000;

  public IngestConfig {
    if (httpPort < -1 || httpPort > 65535) {
      throw new ConfigException(HTTP_PORT, "must be -1 (off), 0 (any free port) or a port, got " + httpPort);
    }
    if (httpMaxBodyBytes < 1024) {
      throw new ConfigException(HTTP_MAX_BODY, "must be at least 1024, got " + httpMaxBodyBytes);
    }
    httpToken = httpToken == null ? Optional.empty() : httpToken.filter(t -> !t.isBlank());
    if (httpReadTimeout == null || !httpReadTimeout.isPositive()) {
      throw new ConfigException(HTTP_READ_TIMEOUT, "must be longer than 0s (how long a client may take to send a"
          + " request, default 5s), got " + httpReadTimeout);
    }
    if (watchQuietPeriod == null || watchQuietPeriod.isNegative()) {
      throw new ConfigException(WATCH_QUIET_PERIOD, "must be a duration of 0s or more (0s: import as soon as two"
          + " scans agree), got " + watchQuietPeriod);
    }
    if (links == null) {
      throw new ConfigException(FOLLOW_LINKS, "must be none or inside");
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new ConfigException(THREADS, "must be a whole number from 1 (normalize on the source's thread, no pool) to "
          + MAX_THREADS + ", e.g. the number of cores; got " + threads);
    }
    if (queue < 1 || queue > MAX_QUEUE) {
      throw new ConfigException(QUEUE, "must be a whole number from 1 to " + MAX_QUEUE
          + " (articles waiting to be normalized and published, default 512); got " + queue);
    }
    fetchAllowNetworks = fetchAllowNetworks == null ? List.of() : List.copyOf(fetchAllowNetworks);
    try {
      AddressPolicy.allowing(fetchAllowNetworks);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(FETCH_ALLOW_NETWORKS, "must be a comma-separated list of IP addresses or CIDR networks: "
          + e.getMessage());
    }
  }

  /** The addresses the feed fetcher may connect to. */
  public AddressPolicy addressPolicy() {
    return AddressPolicy.allowing(fetchAllowNetworks);
  }

  public static Map<String, String> defaults() {
    return Map.ofEntries(
        Map.entry(TOPIC_RAW, Topics.ARTICLES_RAW.name()),
        Map.entry(TOPIC_REJECTED, Topics.INGEST_REJECTED.name()),
        Map.entry(TOPIC_FEED_STATE, Topics.FEED_STATE.name()),
        Map.entry(STATE_DIR, "data/ingest"),
        Map.entry(WATCH_INTERVAL, "2s"),
        Map.entry(HTTP_PORT, "-1"),
        Map.entry(HTTP_HOST, "127.0.0.1"),
        Map.entry(HTTP_OPEN, "false"),
        Map.entry(HTTP_MAX_BODY, Long.toString(10L * 1024 * 1024)),
        // Each request body is read on a handler thread: enough threads and a short read timeout keep
        // a few slow (or hostile) clients from holding the endpoint.
        Map.entry(HTTP_READ_TIMEOUT, "5s"),
        Map.entry(HTTP_THREADS, "16"),
        // Writers pause (network copies, editors saving in steps); a file must be quiet this long to be whole.
        Map.entry(WATCH_QUIET_PERIOD, "10s"),
        Map.entry(FOLLOW_LINKS, "none"),
        Map.entry(THREADS, Integer.toString(Runtime.getRuntime().availableProcessors())),
        Map.entry(QUEUE, "512"),
        Map.entry(Settings.MANAGEMENT_PORT, "9101"));
  }

  public static IngestConfig from(Settings s) {
    long maxBody;
    try {
      maxBody = Long.parseLong(s.get(HTTP_MAX_BODY));
    } catch (NumberFormatException e) {
      throw new ConfigException(HTTP_MAX_BODY, "must be a number of bytes, got '" + s.get(HTTP_MAX_BODY) + "'");
    }
    Duration watchInterval = s.getDuration(WATCH_INTERVAL);
    if (watchInterval.isZero()) {
      throw new ConfigException(WATCH_INTERVAL, "must be longer than 0s, e.g. 2s");
    }
    return new IngestConfig(s.get(TOPIC_RAW), s.get(TOPIC_REJECTED), s.get(TOPIC_FEED_STATE), s.getPath(STATE_DIR),
        s.has(WATCH_DIR) ? s.getPath(WATCH_DIR) : null, watchInterval,
        s.has(FEEDS) ? s.getPath(FEEDS) : null, s.getInt(HTTP_PORT, -1, 65535), s.get(HTTP_HOST),
        Optional.ofNullable(s.get(HTTP_TOKEN, null)), s.getBoolean(HTTP_OPEN), maxBody, s.getDuration(HTTP_READ_TIMEOUT),
        s.getInt(HTTP_THREADS, 1, 256), s.getDuration(WATCH_QUIET_PERIOD), links(s.get(FOLLOW_LINKS, "none")),
        networks(s.get(FETCH_ALLOW_NETWORKS, "")), positive(s, THREADS), positive(s, QUEUE));
  }

  /** A whole number; the range is checked by the constructor, which says what the value is for. */
  private static int positive(Settings s, String key) {
    String value = s.get(key).strip();
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number of at least 1, got '" + value + "'");
    }
  }

  private static LinkPolicy links(String value) {
    try {
      return LinkPolicy.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(FOLLOW_LINKS, "must be none (symbolic links are not read) or inside (links whose"
          + " target stays inside the folder are read), got '" + value + "'");
    }
  }

  private static List<String> networks(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  /** Never print the token. */
  @Override
  public String toString() {
    return "IngestConfig[raw=" + rawTopic + ", watchDir=" + watchDir + ", feeds=" + feedsFile + ", httpPort=" + httpPort
        + ", token=" + (httpToken.isPresent() ? "******" : "none") + ", open=" + httpOpen + ", quietPeriod="
        + watchQuietPeriod + ", links=" + links + ", allowNetworks=" + fetchAllowNetworks + ", threads=" + threads
        + ", queue=" + queue + "]";
  }
}
