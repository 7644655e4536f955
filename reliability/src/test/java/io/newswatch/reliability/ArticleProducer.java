package io.newswatch.reliability;

import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Streams corpus articles to the raw topic the way ingest does: an idempotent producer with
 * {@code acks=all}, the registry serde, the article id as key and its fetch time as timestamp. An
 * article the broker refuses is sent again (up to three attempts); one that still fails fails the
 * run rather than silently thinning the input.
 */
final class ArticleProducer implements AutoCloseable {
  private final KafkaProducer<String, Article> producer;
  private final String topic;
  private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger acked = new AtomicInteger();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Queue<Retry> retries = new ConcurrentLinkedQueue<>();
  private final AtomicInteger lost = new AtomicInteger();
  private static final int MAX_ATTEMPTS = 3;

  private record Retry(Article article, int attempt) {}

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
    sendOnce(article, 1);
  }

  private void sendOnce(Article article, int attempt) {
    producer.send(new ProducerRecord<>(topic, null, article.getFetchedAt().toEpochMilli(), article.getId(), article),
        (md, e) -> {
          if (e == null) {
            acked.incrementAndGet();
            return;
          }
          failure.compareAndSet(null, e);
          if (attempt < MAX_ATTEMPTS) {
            // As ingest does: an article the broker refused (not one that merely timed out, the
            // delivery timeout outlasts any outage here) was not written, so sending it again
            // cannot duplicate it. Not from this callback thread: send may block.
            retries.add(new Retry(article, attempt + 1));
          } else {
            lost.incrementAndGet();
          }
        });
  }

  /** Waits for every send so far, sends refused articles again, and fails if any was lost for good. */
  void flush() {
    producer.flush();
    while (!retries.isEmpty()) {
      for (Retry r = retries.poll(); r != null; r = retries.poll()) {
        sendOnce(r.article(), r.attempt());
      }
      producer.flush();
    }
    if (lost.get() > 0) {
      throw new IllegalStateException(lost.get() + " raw articles could not be produced after " + MAX_ATTEMPTS
          + " attempts: " + failure.get().getMessage(), failure.get());
    }
  }

  int acked() {
    return acked.get();
  }

  /** Sent, acknowledged and the first failure: what a stalled run needs to say about its input. */
  String describe() {
    Exception e = failure.get();
    return "article producer: sent " + ids.size() + ", acknowledged " + acked.get()
        + (e == null ? ", no failed send" : ", " + retries.size() + " to send again, " + lost.get()
            + " lost, first failed send: " + e);
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
