package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.TaggedArticle;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Tagged articles waiting for their dedup decision, as objects on the heap of the task that read
 * them, by raw offset. The article's text never travels to the matcher and back, and is neither
 * serialized nor changelogged: the decision carries the raw partition and offset, and the apply step
 * takes the parked copy from here.
 *
 * <p>It is a state store only so that Kafka Streams puts the intake (raw partition p) and the apply
 * step (decision partition p) in one task: both processors are connected to it, so they share one
 * sub-topology and their topics are co-partitioned. It is not logged and not persistent: a copy that
 * is not here (after a restart or a task move) is read again from the raw topic by {@link
 * RawArticles}, so the park is a cache, never the only copy; losing it costs time, not articles.
 */
public final class ParkedArticles implements StateStore {
  /** Beyond it the oldest parked copy is dropped (and read again if its decision comes). */
  static final int MAX_ENTRIES = 50_000;
  /**
   * Raw bytes kept with the parked copies, at most (per task). Beyond it a copy is parked without
   * them: the tagged topic then gets its article encoded again, nothing is read again. Decisions
   * that stall (a rebalance) would otherwise hold 50,000 raw records on top of the tagged copies.
   */
  static final long MAX_RAW_BYTES = 64L * 1024 * 1024;

  private final String name;
  private final Map<Long, Parked> byOffset = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Parked> eldest) {
      if (size() > MAX_ENTRIES) {
        release(eldest.getValue());
        return true;
      }
      return false;
    }
  };
  private final long maxRawBytes;
  private long rawBytes;
  private volatile boolean open;

  public ParkedArticles(String name) {
    this(name, MAX_RAW_BYTES);
  }

  ParkedArticles(String name, long maxRawBytes) {
    this.name = name;
    this.maxRawBytes = maxRawBytes;
  }

  /** The store builder for a topology (one store per task). */
  public static StoreBuilder<ParkedArticles> builder(String name) {
    return new StoreBuilder<>() {
      @Override
      public StoreBuilder<ParkedArticles> withCachingEnabled() {
        return this;
      }

      @Override
      public StoreBuilder<ParkedArticles> withCachingDisabled() {
        return this;
      }

      @Override
      public StoreBuilder<ParkedArticles> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("parked articles are a cache of the raw topic: never logged");
      }

      @Override
      public StoreBuilder<ParkedArticles> withLoggingDisabled() {
        return this;
      }

      @Override
      public ParkedArticles build() {
        return new ParkedArticles(name);
      }

      @Override
      public Map<String, String> logConfig() {
        return Map.of();
      }

      @Override
      public boolean loggingEnabled() {
        return false;
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  /**
   * A tagged article waiting for its decision, with the raw record's value it was decoded from (the
   * tagged topic reuses its encoded article, see {@link TaggedArticleSerializer}).
   */
  public record Parked(TaggedArticle tagged, byte[] rawValue) {}

  /** Parks the tagged article read at {@code offset} of this task's raw partition, with the record's value. */
  public void park(long offset, TaggedArticle article, byte[] rawValue) {
    byte[] kept = rawValue != null && rawBytes + rawValue.length <= maxRawBytes ? rawValue : null;
    if (kept != null) {
      rawBytes += kept.length;
    }
    release(byOffset.put(offset, new Parked(article, kept)));
  }

  /** The parked copy, removed; null when it is not here. */
  public Parked take(long offset) {
    Parked p = byOffset.remove(offset);
    release(p);
    return p;
  }

  /** Raw bytes held by the parked copies. */
  long rawBytes() {
    return rawBytes;
  }

  private void release(Parked p) {
    if (p != null && p.rawValue() != null) {
      rawBytes -= p.rawValue().length;
    }
  }

  public int size() {
    return byOffset.size();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    // Nothing to restore: registered only so that Streams manages the store's life with its task.
    context.register(root, (key, value) -> {});
    open = true;
  }

  @Override
  public void close() {
    byOffset.clear();
    rawBytes = 0;
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }
}
