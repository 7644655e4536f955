package io.newswatch.reliability;

import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Streams corpus articles to the raw topic the way ingest does: an idempotent producer with
 * {@code acks=all}, the registry serde, the article id as key and its fetch time as timestamp. Every
 * send must be acknowledged; a failed send fails the run rather than silently thinning the input.
 */
final class ArticleProducer implements AutoCloseable {
  private final KafkaProducer<String, Article> producer;
  private final String topic;
  private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger acked = new AtomicInteger();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  ArticleProducer(Pipeline pipe) {
    Properties p = pipe.kafka();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    // Outage tests stop the broker for a while: keep retrying rather than failing sends.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300000");
    producer = new KafkaProducer<>(p, new StringSerializer(), new AvroSerializer<>(pipe.registry(), false));
    topic = pipe.raw();
  }

  /** Sends one article; the acknowledgement is counted when it arrives. */
  void send(Article article) {
    ids.add(article.getId());
    producer.send(new ProducerRecord<>(topic, null, article.getFetchedAt().toEpochMilli(), article.getId(), article),
        (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            acked.incrementAndGet();
          }
        });
  }

  /** Waits for every send so far and fails if any was lost. */
  void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("a raw article could not be produced: " + e.getMessage(), e);
    }
  }

  int acked() {
    return acked.get();
  }

  /** Ids of every article sent, in order. */
  List<String> ids() {
    synchronized (ids) {
      return List.copyOf(ids);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
