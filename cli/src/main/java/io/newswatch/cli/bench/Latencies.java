package io.newswatch.cli.bench;

import io.newswatch.schemas.avro.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Ingest send → alert delivered, per article id: the send time is kept until the sink delivers the article's alert. */
public final class Latencies {
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final List<Long> nanos = new ArrayList<>();
  private final AtomicLong delivered = new AtomicLong();

  /** Marks an article as sent now. */
  public void sent(String articleId) {
    sentAt.put(articleId, System.nanoTime());
  }

  /** The sink's delivery hook: the alert's first article is the one it was raised for. */
  public void onAlert(Alert alert) {
    delivered.incrementAndGet();
    Long sent = alert.getArticleIds().isEmpty() ? null : sentAt.remove(alert.getArticleIds().get(0));
    if (sent != null) {
      long took = System.nanoTime() - sent;
      synchronized (nanos) {
        nanos.add(took);
      }
    }
  }

  /** Alerts delivered so far. */
  public long delivered() {
    return delivered.get();
  }

  /** Forgets the latencies measured so far (the delivered count stays). */
  public void clear() {
    synchronized (nanos) {
      nanos.clear();
    }
  }

  /** Forgets sends older than {@code age}: duplicates get no alert of their own and would be kept forever. */
  public void forgetOlderThan(Duration age) {
    long oldest = System.nanoTime() - age.toNanos();
    sentAt.values().removeIf(t -> t - oldest < 0);
  }

  /** The latencies measured so far, in milliseconds, sorted. */
  public long[] sortedMillis() {
    synchronized (nanos) {
      return nanos.stream().mapToLong(n -> n / 1_000_000).sorted().toArray();
    }
  }
}
