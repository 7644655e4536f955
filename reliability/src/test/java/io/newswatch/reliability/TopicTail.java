package io.newswatch.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a topic from its beginning on its own thread with {@code read_committed}, as a downstream
 * reader would, and counts the records per key. It never crashes with the services under test, so
 * its counts are the ground truth of what was committed to the topic.
 */
final class TopicTail implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicTail.class);

  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, AtomicInteger> countByKey = new ConcurrentHashMap<>();
  private final AtomicLong records = new AtomicLong();
  private final Function<ConsumerRecord<String, byte[]>, String> identity;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  private TopicTail(String bootstrap, String topic, Function<ConsumerRecord<String, byte[]>, String> identity) {
    this.topic = topic;
    this.identity = identity;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    thread = new Thread(this::run, "tail-" + topic);
    thread.setDaemon(true);
  }

  /**
   * Starts following {@code topic}, which must exist, counting records by the identity {@code identity}
   * gives each (called on the tail's thread).
   */
  static TopicTail follow(String bootstrap, String topic, Function<ConsumerRecord<String, byte[]>, String> identity) {
    TopicTail t = new TopicTail(bootstrap, topic, identity);
    t.thread.start();
    return t;
  }

  /** Follows {@code topic}, counting records by key. */
  static TopicTail follow(String bootstrap, String topic) {
    return follow(bootstrap, topic, r -> String.valueOf(r.key()));
  }

  private void run() {
    try {
      List<TopicPartition> partitions = partitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records.incrementAndGet();
          countByKey.computeIfAbsent(identity.apply(r), k -> new AtomicInteger()).incrementAndGet();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
      }
    } catch (RuntimeException e) {
      failure = e;
      log.error("tail of {} failed", topic, e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
  }

  private List<TopicPartition> partitions() {
    var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist; create it before following it");
    }
    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
  }

  /** Records read so far, duplicates included. */
  long records() {
    checkHealthy();
    return records.get();
  }

  /** Distinct identities read so far. */
  int distinctKeys() {
    checkHealthy();
    return countByKey.size();
  }

  /** A snapshot of the records per identity. */
  Map<String, Integer> countByKey() {
    checkHealthy();
    Map<String, Integer> out = new HashMap<>();
    countByKey.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private void checkHealthy() {
    if (failure != null) {
      throw new IllegalStateException("the tail of " + topic + " failed", failure);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
