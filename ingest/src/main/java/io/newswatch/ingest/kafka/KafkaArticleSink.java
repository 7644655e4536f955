package io.newswatch.ingest.kafka;

import io.newswatch.runtime.LogSafe;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.FeedState;
import io.newswatch.schemas.registry.SchemaRegistry;
import io.newswatch.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes ingest output: articles keyed by id (so one article always lands in one partition),
 * dead letters, and feed state. One idempotent producer with acks=all and zstd; thread-safe, since
 * the push server and the watcher call it from their own threads.
 */
public final class KafkaArticleSink implements FeedStateSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaArticleSink.class);

  private final Producer<String, byte[]> producer;
  private final AvroSerializer<Article> articles;
  private final AvroSerializer<DeadLetter> deadLetters;
  private final AvroSerializer<FeedState> feedStates;
  private final String rawTopic;
  private final String rejectedTopic;
  private final String feedStateTopic;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  /**
   * The last failed send of each calling thread: sources publish and flush concurrently (one virtual
   * thread per feed poll, the watcher, the push handlers), and one source's flush must report its own
   * failed sends, never clear another's, or that other source would mark its input done though it was lost.
   */
  private final ThreadLocal<AtomicReference<Exception>> sendErrors = ThreadLocal.withInitial(AtomicReference::new);

  public KafkaArticleSink(Properties kafka, SchemaRegistry registry, String rawTopic, String rejectedTopic, String feedStateTopic) {
    this(producer(kafka), registry, rawTopic, rejectedTopic, feedStateTopic);
  }

  private static Producer<String, byte[]> producer(Properties kafka) {
    Properties p = new Properties();
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.putAll(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** A sink on a producer of the caller's (a {@code MockProducer} in tests); it must be idempotent with acks=all. */
  public KafkaArticleSink(Producer<String, byte[]> producer, SchemaRegistry registry, String rawTopic,
      String rejectedTopic, String feedStateTopic) {
    this.producer = producer;
    this.articles = new AvroSerializer<>(registry, false);
    this.deadLetters = new AvroSerializer<>(registry, false);
    this.feedStates = new AvroSerializer<>(registry, false);
    this.rawTopic = rawTopic;
    this.rejectedTopic = rejectedTopic;
    this.feedStateTopic = feedStateTopic;
  }

  @Override
  public void accept(Article article) {
    publish(article);
  }

  @Override
  public void reject(DeadLetter deadLetter) {
    publish(deadLetter);
  }

  /** Sends the article; the future completes when the broker acknowledged it (acks=all), or fails. */
  @Override
  public CompletableFuture<Void> publish(Article article) {
    CompletableFuture<Void> acked = send(rawTopic, article.getId(), articles.serialize(rawTopic, article));
    published.incrementAndGet();
    return acked;
  }

  /** Sends the dead letter; the future completes when the broker acknowledged it, or fails. */
  @Override
  public CompletableFuture<Void> publish(DeadLetter deadLetter) {
    // Source and reason quote outside input (file names, URLs, JSON fields): escaped, credentials masked.
    log.warn("rejected input from {}: {}", LogSafe.url(deadLetter.getSource()), LogSafe.url(deadLetter.getReason()));
    CompletableFuture<Void> acked = send(rejectedTopic, deadLetter.getSource(),
        deadLetters.serialize(rejectedTopic, deadLetter));
    rejected.incrementAndGet();
    return acked;
  }

  /** Exposes the producer's own metrics (send rate, errors, latency) on the service's registry. */
  public void bindClientMetrics(io.micrometer.core.instrument.MeterRegistry meters) {
    new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(producer).bindTo(meters);
  }

  /** Stores a feed's polling state in the compacted state topic. */
  @Override
  public void saveFeedState(FeedState state) {
    send(feedStateTopic, state.getFeedId(), feedStates.serialize(feedStateTopic, state));
  }

  private CompletableFuture<Void> send(String topic, String key, byte[] value) {
    AtomicReference<Exception> callerErrors = sendErrors.get();
    CompletableFuture<Void> acked = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(topic, key, value), (md, e) -> {
        if (e != null) {
          callerErrors.set(e);
          log.error("could not publish to {} (key {})", topic, LogSafe.url(key), e);
          acked.completeExceptionally(e);
        } else {
          acked.complete(null);
        }
      });
    } catch (KafkaException e) {
      // send() itself fails when the producer is closed or its buffer stayed full for max.block.ms.
      callerErrors.set(e);
      log.error("could not publish to {} (key {})", topic, LogSafe.url(key), e);
      acked.completeExceptionally(e);
    }
    return acked;
  }

  /** Waits until everything sent so far is acknowledged; fails if any send of the calling thread failed. */
  @Override
  public void flush() {
    producer.flush();
    Exception e = sendErrors.get().getAndSet(null);
    if (e != null) {
      throw new IllegalStateException("publishing failed: " + e.getMessage(), e);
    }
  }

  public long published() {
    return published.get();
  }

  public long rejected() {
    return rejected.get();
  }

  @Override
  public void close() {
    // Input is marked done only after a flush, so records still unsent at a stop are read again.
    producer.close(Duration.ofSeconds(5));
  }
}
