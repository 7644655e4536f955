package io.newswatch.enrich.stream;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.schemas.avro.Article;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tags raw articles ahead of their turn, on threads of its own: the stream thread hands over every
 * raw record as soon as its consumer fetches it ({@link TagAheadInterceptor}), a reader of its own
 * fetches further ahead ({@link TagAheadReader}), and when the intake reaches a record it takes the
 * finished {@link ArticleTagging.Analysis} instead of computing it. Tagging is about 40 % of the
 * stream thread's work and depends on nothing but the article, so it runs on another core while the
 * stream thread dedups, stores and commits the articles before it.
 *
 * <p>Only a cache of a pure function: the intake computes what is not here (not fetched through the
 * interceptor, not finished, dropped, or failed), and the result is the same either way, so exactly
 * once and reprocessing are untouched. No article waits for a worker that has not started on it: the
 * stream thread claims an untouched entry and tags it itself; it waits only for one already under way.
 *
 * <p>Entries are keyed by raw partition and offset. The stream thread processes a partition's
 * offsets in order, so entries below the one it takes are stale (a record the deserialization
 * handler dropped, a rebalance) and are removed then; a partition that moved to another instance
 * leaves its entries until {@link #MAX_AGE_MS} passes. At most {@code maxPending} entries exist: a
 * record offered beyond that is simply tagged on the stream thread. A record offered twice (by the
 * reader and by the stream thread's fetch) keeps its first entry: an offset's record never changes.
 */
public final class TagAhead implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TagAhead.class);
  /** Kafka Streams buffers 1,000 records per partition; a few partitions' worth is plenty ahead. */
  public static final int DEFAULT_MAX_PENDING = 4_096;
  static final long MAX_AGE_MS = 60_000;

  private static final int PENDING = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int CLAIMED = 3; // by the stream thread, or abandoned: the worker skips it

  private final ArticleTagging tagging;
  private final Deserializer<Article> deserializer;
  private final String rawTopic;
  private final long untilMs;
  private final int maxPending;
  private final ExecutorService workers;
  private final Map<Integer, ConcurrentSkipListMap<Long, Entry>> byPartition = new ConcurrentHashMap<>();
  /** Per raw partition: the offset after the last record the stream thread's consumer fetched, and when. */
  private final Map<Integer, long[]> fetched = new ConcurrentHashMap<>();
  private final TagAheadReader reader;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong inline = new AtomicLong();
  private final AtomicLong readAhead = new AtomicLong();
  private final AtomicLong lastPurgeMs = new AtomicLong();

  private TagAhead(ArticleTagging tagging, Deserializer<Article> deserializer, String rawTopic, long untilMs,
      String threadPrefix, int threads, int maxPending, Properties kafka, int recordsAhead, TagAheadReader.Gate warm) {
    this.tagging = tagging;
    this.deserializer = deserializer;
    this.rawTopic = rawTopic;
    this.untilMs = untilMs;
    this.maxPending = maxPending;
    AtomicInteger n = new AtomicInteger();
    this.workers = threads == 0 ? null : new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.reader = threads == 0 || kafka == null || recordsAhead == 0 ? null
        : new TagAheadReader(kafka, rawTopic, this, recordsAhead, threadPrefix + "reader", warm);
    if (reader != null) {
      reader.start();
    }
  }

  /**
   * Workers as {@link EnrichConfig#tagAheadThreads} says (0: an instance that takes nothing, so every
   * article is tagged on the stream thread), for the config's raw topic; a replay's records past its
   * end are not tagged, as the topology skips them.
   */
  public static TagAhead start(EnrichConfig config, ArticleTagging tagging, Deserializer<Article> deserializer) {
    return start(config, tagging, deserializer, null);
  }

  /**
   * @param kafka the cluster's connection settings for the {@link TagAheadReader}, which reads
   *     {@link EnrichConfig#tagAheadRecords} records per partition ahead; null for no reader
   */
  public static TagAhead start(EnrichConfig config, ArticleTagging tagging, Deserializer<Article> deserializer,
      Properties kafka) {
    // Room for what the stream thread has fetched (Kafka Streams buffers 1,000 records per partition)
    // and for what the reader reads ahead of it.
    int maxPending = DEFAULT_MAX_PENDING + (kafka == null ? 0 : config.tagAheadRecords() * config.repartitionPartitions());
    return start(config, tagging, deserializer, maxPending, kafka, JitSettled.ofThisJvm());
  }

  static TagAhead start(EnrichConfig config, ArticleTagging tagging, Deserializer<Article> deserializer, int maxPending,
      Properties kafka) {
    return start(config, tagging, deserializer, maxPending, kafka, JitSettled.ofThisJvm());
  }

  /** @param warm when the reader may start reading ahead (see {@link JitSettled}) */
  static TagAhead start(EnrichConfig config, ArticleTagging tagging, Deserializer<Article> deserializer, int maxPending,
      Properties kafka, TagAheadReader.Gate warm) {
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be >= 1, got " + maxPending);
    }
    long until = config.processUntil() == null ? Long.MAX_VALUE : config.processUntil().toEpochMilli();
    // Named after the application, like the stream threads, so that per-application CPU counts them.
    return new TagAhead(tagging, deserializer, config.rawTopic(), until, config.applicationId() + "-tag-ahead-",
        config.tagAheadThreads(), maxPending, kafka, config.tagAheadRecords(), warm);
  }

  /** Tags nothing ahead: for topologies built without a consumer (TopologyTestDriver, tools). */
  public static TagAhead off() {
    return new TagAhead(null, null, "", Long.MAX_VALUE, "", 0, 1, null, 0, () -> true);
  }

  public boolean enabled() {
    return workers != null;
  }

  String rawTopic() {
    return rawTopic;
  }

  /** Whether a {@link TagAheadReader} fetches ahead of the stream thread. */
  public boolean readsAhead() {
    return reader != null;
  }

  /**
   * Called on the stream thread with every batch its consumer returns; never blocks. Offers the raw
   * records and notes how far the stream thread has fetched each partition, for the reader.
   */
  void fetched(ConsumerRecords<byte[], byte[]> records) {
    long now = System.currentTimeMillis();
    for (TopicPartition tp : records.partitions()) {
      if (tp.topic().equals(rawTopic)) {
        List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
        fetched.put(tp.partition(), new long[] {list.get(list.size() - 1).offset() + 1, now});
      }
    }
    List<List<ConsumerRecord<byte[], byte[]>>> lists = new ArrayList<>();
    for (TopicPartition tp : records.partitions()) {
      if (tp.topic().equals(rawTopic)) {
        lists.add(records.records(tp));
      }
    }
    offerInterleaved(lists, false);
  }

  /** Called by the reader with records read ahead of the stream thread's consumer, per partition. */
  void offerAhead(List<List<ConsumerRecord<byte[], byte[]>>> byPartition) {
    offerInterleaved(byPartition, true);
  }

  /**
   * Per raw partition, the offset after the last record the stream thread fetched, for partitions it
   * fetched since {@code seenSinceMs}.
   */
  Map<Integer, Long> fetchedPositions(long seenSinceMs) {
    Map<Integer, Long> out = new HashMap<>();
    fetched.forEach((p, at) -> {
      if (at[1] >= seenSinceMs) {
        out.put(p, at[0]);
      }
    });
    return out;
  }

  /**
   * Offers round robin across partitions, not partition after partition: each raw partition is a task
   * of its own, and the stream thread processes its tasks in turns of a few records each. In batch
   * order the workers would still be on the first partition when the thread reaches the second, and
   * it would tag that one's records itself.
   */
  private void offerInterleaved(List<List<ConsumerRecord<byte[], byte[]>>> lists, boolean ahead) {
    for (int i = 0, offered = 1; offered > 0; i++) {
      offered = 0;
      for (List<ConsumerRecord<byte[], byte[]>> list : lists) {
        if (i < list.size()) {
          ConsumerRecord<byte[], byte[]> r = list.get(i);
          offered++;
          long[] streamAt = ahead ? fetched.get(r.partition()) : null;
          if ((streamAt == null || r.offset() >= streamAt[0]) // below: the stream thread's fetch offered it
              && offer(r.partition(), r.offset(), r.timestamp(), r.key(), r.value()) && ahead) {
            readAhead.incrementAndGet();
          }
        }
      }
    }
  }

  /** Offers one raw record for tagging ahead; never blocks. Whether it made a new entry. */
  boolean offer(int partition, long offset, long timestamp, byte[] key, byte[] value) {
    if (workers == null || value == null || timestamp > untilMs) {
      return false;
    }
    ConcurrentSkipListMap<Long, Entry> entries = byPartition.computeIfAbsent(partition, p -> new ConcurrentSkipListMap<>());
    if (entries.containsKey(offset)) {
      return false; // offered already (by the reader, or fetched again after a rebalance): same record
    }
    if (pending.get() >= maxPending && purgeIfDue() == 0) {
      return false;
    }
    Entry e = new Entry(key, value);
    if (entries.putIfAbsent(offset, e) != null) {
      return false;
    }
    pending.incrementAndGet();
    try {
      workers.execute(() -> run(e));
    } catch (RejectedExecutionException closed) {
      // Closed: no worker will ever run it. Out of the map, so that a stream thread still running
      // (its close timed out) tags that record itself instead of waiting for it.
      if (entries.remove(offset, e)) {
        pending.decrementAndGet();
      }
      e.abandon();
      return false;
    }
    return true;
  }

  /**
   * The analysis of the raw record at {@code partition}/{@code offset} if it was computed ahead (waiting
   * only for one a worker has started), or null: the caller then computes it.
   *
   * @param id the record's key, or null for a record without one (its id is then the article's own)
   */
  public ArticleTagging.Analysis take(int partition, long offset, String id) {
    if (workers == null) {
      return null;
    }
    ConcurrentSkipListMap<Long, Entry> entries = byPartition.get(partition);
    if (entries == null) {
      inline.incrementAndGet();
      return null;
    }
    Map.Entry<Long, Entry> first;
    while ((first = entries.firstEntry()) != null && first.getKey() < offset) {
      if (entries.remove(first.getKey(), first.getValue())) {
        pending.decrementAndGet();
        first.getValue().abandon();
      }
    }
    Entry e = entries.remove(offset);
    if (e == null) {
      inline.incrementAndGet();
      return null;
    }
    pending.decrementAndGet();
    ArticleTagging.Analysis a = e.claimOrAwait();
    if (a == null || !a.id().equals(id != null ? id : a.article().getId())) {
      inline.incrementAndGet();
      return null;
    }
    served.incrementAndGet();
    return a;
  }

  /** Articles whose analysis was taken from a worker. */
  public long served() {
    return served.get();
  }

  /** Records the reader fetched ahead of the stream thread's consumer and offered. */
  public long readAhead() {
    return readAhead.get();
  }

  /** Articles the stream thread analyzed itself although tag-ahead is on. */
  public long inline() {
    return inline.get();
  }

  int pending() {
    return pending.get();
  }

  /** The highest offset of {@code partition} waiting to be taken, or -1. */
  long highestOffered(int partition) {
    ConcurrentSkipListMap<Long, Entry> entries = byPartition.get(partition);
    Map.Entry<Long, Entry> last = entries == null ? null : entries.lastEntry();
    return last == null ? -1 : last.getKey();
  }

  /** No entry waits for a worker or is under way. */
  boolean allDone() {
    for (ConcurrentSkipListMap<Long, Entry> entries : byPartition.values()) {
      for (Entry e : entries.values()) {
        int st = e.state.get();
        if (st == PENDING || st == RUNNING) {
          return false;
        }
      }
    }
    return true;
  }

  private void run(Entry e) {
    if (!e.start()) {
      return;
    }
    ArticleTagging.Analysis a = null;
    try {
      Article article = deserializer.deserialize(rawTopic, e.value);
      if (article != null) {
        String id = e.key != null ? new String(e.key, StandardCharsets.UTF_8) : article.getId();
        a = tagging.analyze(id, article);
      }
    } catch (RuntimeException ex) {
      // The stream thread meets the same record and handles it (dead letter or inline tagging).
      log.debug("tag-ahead could not analyze a record of {}: {}", rawTopic, ex.toString());
    } finally {
      e.finish(a);
    }
  }

  /**
   * Purges entries older than {@link #MAX_AGE_MS}, at most once a second: a purge walks every entry,
   * and while the map is full every offer would otherwise walk thousands of them (on the stream
   * thread, for each record of its batch).
   */
  private int purgeIfDue() {
    long now = System.currentTimeMillis();
    long last = lastPurgeMs.get();
    if (now - last < 1_000 || !lastPurgeMs.compareAndSet(last, now)) {
      return 0;
    }
    return purgeOlderThan(now - MAX_AGE_MS);
  }

  /** Whether the entries are near their cap: the reader then leaves new offers to the stream thread's fetch. */
  boolean nearlyFull() {
    return pending.get() >= maxPending - maxPending / 4;
  }

  private int purgeOlderThan(long cutoffMs) {
    int removed = 0;
    for (ConcurrentSkipListMap<Long, Entry> entries : byPartition.values()) {
      for (Map.Entry<Long, Entry> en : entries.entrySet()) {
        if (en.getValue().offeredAtMs < cutoffMs && entries.remove(en.getKey(), en.getValue())) {
          pending.decrementAndGet();
          en.getValue().abandon();
          removed++;
        }
      }
    }
    return removed;
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close();
    }
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "TagAhead[" + (workers == null ? "off" : rawTopic + ", pending " + pending.get()) + "]";
  }

  /** One raw record on its way: handed from the stream thread to a worker and back. */
  private static final class Entry {
    byte[] key; // both let go once analyzed: only the analysis waits for the stream thread
    byte[] value;
    final long offeredAtMs = System.currentTimeMillis();
    final AtomicInteger state = new AtomicInteger(PENDING);
    final CountDownLatch done = new CountDownLatch(1);
    volatile ArticleTagging.Analysis analysis;

    Entry(byte[] key, byte[] value) {
      this.key = key;
      this.value = value;
    }

    boolean start() {
      return state.compareAndSet(PENDING, RUNNING);
    }

    void finish(ArticleTagging.Analysis a) {
      release();
      analysis = a;
      state.set(DONE);
      done.countDown();
    }

    void abandon() {
      if (state.compareAndSet(PENDING, CLAIMED)) {
        release();
      }
    }

    /** No worker reads it any more (it lost the race to start): let the raw bytes go now. */
    private void release() {
      key = null;
      value = null;
    }

    /**
     * The analysis if done (waiting for a running one), or null after claiming an untouched entry, or
     * for one abandoned already (no worker will count its latch down).
     */
    ArticleTagging.Analysis claimOrAwait() {
      if (state.compareAndSet(PENDING, CLAIMED)) {
        release();
        return null;
      }
      if (state.get() == CLAIMED) {
        return null;
      }
      try {
        done.await();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return null;
      }
      return analysis;
    }
  }
}
