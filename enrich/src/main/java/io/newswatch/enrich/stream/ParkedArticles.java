package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.TaggedArticle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tagged articles waiting for their dedup decision, on the heap of this instance, by raw partition
 * and offset. The article's text never travels to the matcher and back, and is not written to a
 * changelog: the decision carries the raw partition and offset, and the apply step takes the parked
 * copy from here. A copy that is not here (the instance restarted, or the apply task of that
 * partition runs on another instance) is read again from the raw topic by {@link RawArticles}, so
 * the park is a cache, never the only copy: losing it costs time, not articles.
 *
 * <p>Each partition's map is touched only by the stream thread that runs its intake or apply task
 * (one at a time); the maps are synchronized because the two tasks of one partition may run on two
 * threads of this instance.
 */
public final class ParkedArticles {
  /** Per partition; beyond it the oldest parked copy is dropped (and read again if needed). */
  static final int MAX_PER_PARTITION = 20_000;

  private final Map<Integer, Map<Long, TaggedArticle>> byPartition = new ConcurrentHashMap<>();

  public void park(int partition, long offset, TaggedArticle article) {
    Map<Long, TaggedArticle> m = partition(partition);
    synchronized (m) {
      m.put(offset, article);
    }
  }

  /** The parked copy, removed; null when it is not here. */
  public TaggedArticle take(int partition, long offset) {
    Map<Long, TaggedArticle> m = partition(partition);
    synchronized (m) {
      return m.remove(offset);
    }
  }

  public int size() {
    int n = 0;
    for (Map<Long, TaggedArticle> m : byPartition.values()) {
      synchronized (m) {
        n += m.size();
      }
    }
    return n;
  }

  private Map<Long, TaggedArticle> partition(int partition) {
    return byPartition.computeIfAbsent(partition, p -> new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, TaggedArticle> eldest) {
        return size() > MAX_PER_PARTITION;
      }
    });
  }
}
