package io.newswatch.enrich.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches raw records ahead of the stream thread, for {@link TagAhead}'s workers.
 *
 * <p>Why a consumer of its own: the stream thread's consumer hands out a batch only when the thread
 * is about to process it, so the workers got at most one poll's records of lead, and stood idle
 * while the stream thread matched, applied and committed the batch before (half of their time in a
 * backfill). This plain consumer (assigned partitions, no group, committed records only) reads the
 * partitions the stream thread's consumer has fetched lately, from where that consumer is, up to
 * {@code recordsAhead} records further per partition, and pauses a partition that is that far ahead.
 *
 * <p>It only feeds a cache: a record it never reads, reads late or reads twice is tagged on the
 * stream thread or by the worker from the stream thread's own fetch, with the same result. A
 * partition the stream thread stopped fetching (moved to another instance, or idle) is let go after
 * {@link #IDLE_PARTITION_MS}. Any error closes the consumer and starts over a second later. It starts
 * reading only once the JIT has settled ({@link JitSettled}).
 */
final class TagAheadReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TagAheadReader.class);
  static final long IDLE_PARTITION_MS = 30_000;
  private static final Duration POLL = Duration.ofMillis(50);
  /** The stream thread counts as fetching when it fetched within this (for {@link Gate}). */
  private static final long FETCHING_MS = 1_000;

  private final Properties props;
  private final String topic;
  private final TagAhead target;
  private final int recordsAhead;
  private final Gate warm;
  private final Thread thread;
  private boolean started;
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  /**
   * @param kafka the connection and security settings of the cluster
   * @param recordsAhead records per partition to read past the stream thread's own fetch position
   */
  TagAheadReader(Properties kafka, String topic, TagAhead target, int recordsAhead, String threadName) {
    this(kafka, topic, target, recordsAhead, threadName, JitSettled.ofThisJvm());
  }

  /** When the reader may start reading ahead: {@link JitSettled} in a service. */
  @FunctionalInterface
  interface Gate {
    /** Asked while the stream thread fetches; once true, the reader reads ahead for good. */
    boolean open();

    /** The stream thread has fetched nothing lately. */
    default void idle() {}
  }

  /** @param warm whether to read ahead yet: {@link JitSettled} (true for good once it is) */
  TagAheadReader(Properties kafka, String topic, TagAhead target, int recordsAhead, String threadName, Gate warm) {
    if (recordsAhead < 1) {
      throw new IllegalArgumentException("recordsAhead must be >= 1, got " + recordsAhead);
    }
    this.props = KafkaRawArticles.plainConsumer(kafka, threadName);
    this.topic = topic;
    this.target = target;
    this.recordsAhead = recordsAhead;
    this.warm = warm;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    while (running) {
      KafkaConsumer<byte[], byte[]> c = null;
      try {
        c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer = c;
        while (running) { // closed while the consumer was being created: its wakeup went nowhere
          step(c);
        }
      } catch (WakeupException | InterruptException e) {
        return; // closing
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("tag-ahead reader of {} failed ({}); starting over in 1 s; articles are tagged from the "
            + "stream thread's fetch meanwhile", topic, e.toString());
        pause(1_000);
      } finally {
        consumer = null;
        if (c != null) {
          // Nothing to hand back (no group, no offsets): don't hold a shutdown up for the broker.
          c.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
      }
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  /** Follows the stream thread's partitions and positions, then reads what is not too far ahead. */
  private void step(KafkaConsumer<byte[], byte[]> c) {
    Map<Integer, Long> fetched = target.fetchedPositions(System.currentTimeMillis() - IDLE_PARTITION_MS);
    if (!started && !ready(fetched)) {
      pause(POLL.toMillis());
      return;
    }
    Set<TopicPartition> wanted = new HashSet<>();
    fetched.keySet().forEach(p -> wanted.add(new TopicPartition(topic, p)));
    Set<TopicPartition> before = c.assignment();
    if (!wanted.equals(before)) {
      c.assign(wanted);
    }
    if (wanted.isEmpty()) {
      pause(POLL.toMillis()); // the stream thread has fetched nothing lately: nothing to follow
      return;
    }
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    for (TopicPartition tp : wanted) {
      long streamAt = fetched.get(tp.partition());
      long mine = before.contains(tp) ? c.position(tp) : -1;
      if (mine < streamAt) {
        // New, or behind the stream thread's consumer: what that one fetched was offered already.
        c.seek(tp, streamAt);
        mine = streamAt;
      }
      // Nearly full: what is pending is what the stream thread needs next; reading on would only
      // push its own fetch's records out of the map.
      (mine - streamAt >= recordsAhead || target.nearlyFull() ? pause : resume).add(tp);
    }
    c.pause(pause);
    c.resume(resume);
    if (resume.isEmpty()) {
      // Everything is far enough ahead. Don't count on poll blocking with every partition paused.
      pause(POLL.toMillis());
      return;
    }
    ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
    List<List<ConsumerRecord<byte[], byte[]>>> ahead = new ArrayList<>();
    for (TopicPartition tp : records.partitions()) {
      // Not past the limit: a poll returns up to max.poll.records; the rest is read again later.
      long limit = fetched.get(tp.partition()) + recordsAhead;
      List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
      int n = 0;
      while (n < list.size() && list.get(n).offset() < limit) {
        n++;
      }
      if (n < list.size()) {
        c.seek(tp, list.get(n).offset());
      }
      ahead.add(list.subList(0, n));
    }
    target.offerAhead(ahead);
  }

  /** Whether to start reading ahead: the stream thread fetches, and the JIT has settled meanwhile. */
  private boolean ready(Map<Integer, Long> fetched) {
    // Fetched in the last 30 s is not fetching now: only windows in which it fetched count.
    if (fetched.isEmpty() || target.fetchedPositions(System.currentTimeMillis() - FETCHING_MS).isEmpty()) {
      warm.idle();
      return false;
    }
    if (!warm.open()) {
      return false; // the JIT still compiles: see JitSettled
    }
    started = true;
    log.info("tag-ahead reader of {} starts reading up to {} records per partition ahead (the JIT has settled)",
        topic, recordsAhead);
    return true;
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
