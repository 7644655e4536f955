package io.newswatch.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Per-source ingest counters (fetched, new, not-modified, rejected, bytes, errors) on a Micrometer registry. */
public final class IngestMetrics {

  /** Counter names; the Prometheus registry exports them with a {@code _total} suffix. */
  public static final String FETCHED = "newswatch.ingest.fetched";
  public static final String NEW = "newswatch.ingest.new";
  public static final String NOT_MODIFIED = "newswatch.ingest.not.modified";
  public static final String REJECTED = "newswatch.ingest.rejected";
  public static final String BYTES = "newswatch.ingest.bytes";
  public static final String ERRORS = "newswatch.ingest.errors";
  public static final String REUSED_IDENTITY = "newswatch.ingest.reused.identity";
  /** Gauge: articles waiting in the normalization pool; at {@code ingest.queue} the sources are held back. */
  public static final String QUEUE_PENDING = "newswatch.ingest.queue.pending";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, SourceMetrics> bySource = new ConcurrentHashMap<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The counters of one source, e.g. {@code ("feed", "yonhap-ar")}, {@code ("file", "drop")}. */
  /** Reports how many articles wait in the pool, as {@value #QUEUE_PENDING}. */
  public void queue(NormalizationPool pool) {
    io.micrometer.core.instrument.Gauge.builder(QUEUE_PENDING, pool, NormalizationPool::pending)
        .description("Articles waiting to be normalized and published").register(registry);
  }

    public SourceMetrics source(String type, String name) {
    return bySource.computeIfAbsent(type + '\u0000' + name, k -> new SourceMetrics(registry, type, name));
  }

  /** The counters of one source. */
  public static final class SourceMetrics {
    private final Counter fetched;
    private final Counter newArticles;
    private final Counter notModified;
    private final Counter rejected;
    private final Counter bytes;
    private final Counter errors;
    private final Counter reusedIdentity;

    private SourceMetrics(MeterRegistry registry, String type, String name) {
      fetched = counter(registry, FETCHED, "Fetches or inputs read", type, name);
      newArticles = counter(registry, NEW, "Articles handed to the sink", type, name);
      notModified = counter(registry, NOT_MODIFIED, "Fetches answered 304 or inputs already seen", type, name);
      rejected = counter(registry, REJECTED, "Inputs sent to the dead-letter sink", type, name);
      bytes = counter(registry, BYTES, "Raw bytes read", type, name);
      errors = counter(registry, ERRORS, "Fetches or polls that failed (timeout, HTTP error, not a feed)", type, name);
      reusedIdentity = counter(registry, REUSED_IDENTITY,
          "Feed items whose GUID or link was seen before with other content (published as new items)", type, name);
    }

    private static Counter counter(MeterRegistry r, String n, String d, String type, String name) {
      return Counter.builder(n).description(d).tag("source_type", type).tag("source", name).register(r);
    }

    public void fetched() {
      fetched.increment();
    }

    public void newArticles(int count) {
      newArticles.increment(count);
    }

    public void notModified() {
      notModified.increment();
    }

    public void rejected(int count) {
      rejected.increment(count);
    }

    public void bytes(long count) {
      bytes.increment(count);
    }

    public void error() {
      errors.increment();
    }

    public void reusedIdentity() {
      reusedIdentity.increment();
    }
  }
}
