package io.newswatch.ingest;

import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normalizes articles on a bounded pool of threads and publishes them in the order they were submitted.
 *
 * <p>Normalization (parse, clean, language, ids) runs on {@code threads} workers; one sender thread hands
 * the results to the sink strictly in submission order, so two versions of the same article (same key)
 * are never reordered, and the same input gives the same records whatever the thread count. At most
 * {@code queue} submissions wait between their submission and their send: {@link #submit} then blocks
 * (back-pressure for the folder importer) and {@link #offer} gives up (the push endpoint answers 503).
 * Input that is not an article becomes the task's dead letter, published in its place with the reason.
 * Every submission's future completes once the sink acknowledged its record (Kafka: acks=all), or fails
 * with the sink's error; {@link #close} returns once every accepted submission has completed.
 *
 * <p>With one thread there is no pool: each submission is normalized and sent on the caller's thread,
 * as ingest did before the pool existed.
 */
public final class NormalizationPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NormalizationPool.class);
  /** How long {@link #close()} waits for outstanding acknowledgements: the producer's delivery timeout. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMinutes(2);

  /** Turns input into an article; {@code ArticleNormalizer::normalize}. Must be safe to call from many threads. */
  @FunctionalInterface
  public interface Normalizer {
    Article normalize(RawArticle raw, Instant fetchedAt) throws InvalidArticleException;
  }

  /**
   * One article to normalize and publish.
   *
   * @param raw the input
   * @param fetchedAt when the source read it
   * @param deadLetter the dead letter to publish instead when the input is not an article, from the reason
   */
  public record Task(RawArticle raw, Instant fetchedAt, Function<InvalidArticleException, DeadLetter> deadLetter) {
    public Task {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(fetchedAt, "fetchedAt");
      Objects.requireNonNull(deadLetter, "deadLetter");
    }
  }

  /** What became of a submission, known once its record was acknowledged. */
  public sealed interface Outcome {
    /** The article was published under this id. */
    record Published(String id) implements Outcome {}

    /** The input was dead-lettered for this reason. */
    record Rejected(String reason) implements Outcome {}
  }

  private final int threads;
  private final int queue;
  private final Normalizer normalizer;
  private final ArticleSink sink;
  private final Semaphore permits;
  private final BlockingQueue<Slot> order = new LinkedBlockingQueue<>();
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final Object drained = new Object();
  private long unfinished; // guarded by drained
  private boolean closed; // guarded by lifecycle
  private final ExecutorService workers;
  private final Thread sender;

  private NormalizationPool(int threads, int queue, Normalizer normalizer, ArticleSink sink) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (queue < 1) {
      throw new IllegalArgumentException("queue must be at least 1, got " + queue);
    }
    this.threads = threads;
    this.queue = queue;
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.permits = new Semaphore(queue);
    if (threads == 1) {
      workers = null;
      sender = null;
    } else {
      AtomicInteger n = new AtomicInteger();
      workers = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "ingest-normalize-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      sender = new Thread(this::sendInOrder, "ingest-publish");
      sender.setDaemon(true);
      sender.start();
    }
  }

  /**
   * A pool of {@code threads} normalizing threads with at most {@code queue} submissions waiting; with
   * one thread, submissions run on the caller's thread and {@code queue} is not used.
   */
  public static NormalizationPool create(int threads, int queue, Normalizer normalizer, ArticleSink sink) {
    return new NormalizationPool(threads, queue, normalizer, sink);
  }

  /** Normalizes and publishes on the caller's thread (ingest.threads=1). */
  public static NormalizationPool inline(Normalizer normalizer, ArticleSink sink) {
    return new NormalizationPool(1, 1, normalizer, sink);
  }

  public int threads() {
    return threads;
  }

  /** How many submissions may wait at once (not used with one thread). */
  public int queue() {
    return queue;
  }

  /** Submissions accepted and not yet handed to the sink (always 0 with one thread). */
  public int pending() {
    return workers == null ? 0 : queue - permits.availablePermits();
  }

  /**
   * Submits one article, waiting while the queue is full.
   *
   * @return completes once its record (the article, or its dead letter) is acknowledged; fails when the
   *     sink could not publish it, or normalization failed unexpectedly (not a validation result)
   * @throws IllegalStateException when the pool is closed
   */
  public CompletableFuture<Outcome> submit(Task task) throws InterruptedException {
    if (workers == null) {
      return runInline(task);
    }
    permits.acquire();
    return enqueue(new Slot(task));
  }

  /**
   * Submits one article unless the queue stays full for {@code wait}.
   *
   * @return the acknowledgement as in {@link #submit}, or empty when the queue is full: the caller tells
   *     its source to retry later
   */
  public Optional<CompletableFuture<Outcome>> offer(Task task, Duration wait) throws InterruptedException {
    if (workers == null) {
      return Optional.of(runInline(task));
    }
    if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    return Optional.of(enqueue(new Slot(task)));
  }

  /**
   * Publishes a dead letter for input that never became a task (a broken file), in order with the
   * articles submitted before it; waits while the queue is full.
   */
  public CompletableFuture<Outcome> deadLetter(DeadLetter deadLetter) throws InterruptedException {
    Prepared prepared = new Prepared(null, deadLetter, new Outcome.Rejected(deadLetter.getReason()));
    if (workers == null) {
      return publish(prepared);
    }
    permits.acquire();
    Slot slot = new Slot(null);
    slot.normalized.complete(prepared);
    return enqueue(slot);
  }

  private CompletableFuture<Outcome> runInline(Task task) {
    Prepared prepared;
    try {
      prepared = normalize(task);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return publish(prepared);
  }

  private CompletableFuture<Outcome> enqueue(Slot slot) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        permits.release();
        throw new IllegalStateException("the normalization pool is closed; ingest is shutting down");
      }
      synchronized (drained) {
        unfinished++;
      }
      slot.result.whenComplete((o, e) -> finished());
      order.add(slot);
      if (slot.task != null) {
        workers.execute(() -> {
          try {
            slot.normalized.complete(normalize(slot.task));
          } catch (RuntimeException | Error e) {
            slot.normalized.completeExceptionally(e);
          }
        });
      }
    } finally {
      lifecycle.readLock().unlock();
    }
    return slot.result;
  }

  private void finished() {
    synchronized (drained) {
      if (--unfinished == 0) {
        drained.notifyAll();
      }
    }
  }

  private Prepared normalize(Task task) {
    try {
      Article article = normalizer.normalize(task.raw(), task.fetchedAt());
      return new Prepared(article, null, new Outcome.Published(article.getId()));
    } catch (InvalidArticleException e) {
      return new Prepared(null, task.deadLetter().apply(e), new Outcome.Rejected(e.getMessage()));
    }
  }

  private CompletableFuture<Outcome> publish(Prepared prepared) {
    CompletableFuture<Void> acked;
    try {
      acked = prepared.article() != null ? sink.publish(prepared.article()) : sink.publish(prepared.deadLetter());
    } catch (RuntimeException e) {
      acked = CompletableFuture.failedFuture(e);
    }
    return acked.thenApply(v -> prepared.outcome());
  }

  /** The sender: takes slots in submission order, waits for each one's normalization, sends it. */
  private void sendInOrder() {
    while (true) {
      Slot slot;
      try {
        slot = order.take();
      } catch (InterruptedException e) {
        // Only close() stops the sender, with the poison slot; an interrupt from elsewhere is ignored.
        continue;
      }
      if (slot == POISON) {
        return;
      }
      Prepared prepared;
      try {
        prepared = slot.normalized.join();
      } catch (CompletionException e) {
        permits.release();
        LOG.error("normalization failed unexpectedly; the source is told its input was not published", e.getCause());
        slot.result.completeExceptionally(e.getCause());
        continue;
      }
      CompletableFuture<Outcome> published;
      try {
        published = publish(prepared);
      } finally {
        permits.release();
      }
      published.whenComplete((o, e) -> {
        if (e != null) {
          slot.result.completeExceptionally(e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e);
        } else {
          slot.result.complete(o);
        }
      });
    }
  }

  /** Stops taking submissions and returns once every accepted one is acknowledged or failed. */
  @Override
  public void close() {
    close(DEFAULT_DRAIN_TIMEOUT);
  }

  /** Like {@link #close()}, giving up waiting for acknowledgements after {@code timeout}. */
  public void close(Duration timeout) {
    if (workers == null) {
      return;
    }
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      order.add(POISON);
    } finally {
      lifecycle.writeLock().unlock();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      sender.join(Math.max(1, timeout.toMillis()));
      synchronized (drained) {
        while (unfinished > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            LOG.warn("stopped waiting for {} submissions to be acknowledged after {}", unfinished, timeout);
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(drained, left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      workers.shutdownNow();
    }
  }

  /** A normalized article or the dead letter that replaces it, with the outcome to report. */
  private record Prepared(Article article, DeadLetter deadLetter, Outcome outcome) {}

  /** One submission on its way: normalized by a worker, then sent by the sender. */
  private static final class Slot {
    final Task task;
    final CompletableFuture<Prepared> normalized = new CompletableFuture<>();
    final CompletableFuture<Outcome> result = new CompletableFuture<>();

    Slot(Task task) {
      this.task = task;
    }
  }

  private static final Slot POISON = new Slot(null);
}
