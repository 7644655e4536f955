package io.newswatch.ingest;

import io.newswatch.runtime.ConfigException;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
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
    int httpThreads) {

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

  public IngestConfig {
    if (httpPort < -1 || httpPort > 65535) {
      throw new ConfigException(HTTP_PORT, "must be -1 (off), 0 (any free port) or a port, got " + httpPort);
    }
    if (httpMaxBodyBytes < 1024) {
      throw new ConfigException(HTTP_MAX_BODY, "must be at least 1024, got " + httpMaxBodyBytes);
    }
    httpToken = httpToken == null ? Optional.empty() : httpToken.filter(t -> !t.isBlank());
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
        Map.entry(Settings.MANAGEMENT_PORT, "9101"));
  }

  public static IngestConfig from(Settings s) {
    long maxBody;
    try {
      maxBody = Long.parseLong(s.get(HTTP_MAX_BODY));
    } catch (NumberFormatException e) {
      throw new ConfigException(HTTP_MAX_BODY, "must be a number of bytes, got '" + s.get(HTTP_MAX_BODY) + "'");
    }
    return new IngestConfig(s.get(TOPIC_RAW), s.get(TOPIC_REJECTED), s.get(TOPIC_FEED_STATE), s.getPath(STATE_DIR),
        s.has(WATCH_DIR) ? s.getPath(WATCH_DIR) : null, s.getDuration(WATCH_INTERVAL),
        s.has(FEEDS) ? s.getPath(FEEDS) : null, s.getInt(HTTP_PORT, -1, 65535), s.get(HTTP_HOST),
        Optional.ofNullable(s.get(HTTP_TOKEN, null)), s.getBoolean(HTTP_OPEN), maxBody, s.getDuration(HTTP_READ_TIMEOUT),
        s.getInt(HTTP_THREADS, 1, 256));
  }

  /** Never print the token. */
  @Override
  public String toString() {
    return "IngestConfig[raw=" + rawTopic + ", watchDir=" + watchDir + ", feeds=" + feedsFile + ", httpPort=" + httpPort
        + ", token=" + (httpToken.isPresent() ? "******" : "none") + ", open=" + httpOpen + "]";
  }
}
