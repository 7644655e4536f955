package io.newswatch.ingest;

import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A sink for tests whose acknowledgements the test gives: each record is kept in the order it was sent,
 * and its future completes only when the test calls {@link #ackAll()} or {@link #failAll} (or at once
 * with {@link #autoAck}). With {@link #gate} set, publish calls block until the latch opens.
 */
public final class HandAckSink implements ArticleSink {
  public final List<Article> articles = new CopyOnWriteArrayList<>();
  public final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  /** Records sent, in order: article ids, and "dlq:" + reason for dead letters. */
  public final List<String> sent = new CopyOnWriteArrayList<>();
  private final BlockingQueue<CompletableFuture<Void>> unacked = new LinkedBlockingQueue<>();
  /** Counted down when a publish call starts, before it blocks on the gate. */
  public volatile CountDownLatch entered = new CountDownLatch(0);
  /** Counted down when a publish call returns, its record then awaiting {@link #ackAll()} or {@link #failAll}. */
  public volatile CountDownLatch publishes = new CountDownLatch(0);
  public volatile CountDownLatch gate;
  public volatile boolean autoAck;

  @Override
  public void accept(Article article) {
    publish(article);
  }

  @Override
  public void reject(DeadLetter deadLetter) {
    publish(deadLetter);
  }

  @Override
  public CompletableFuture<Void> publish(Article article) {
    articles.add(article);
    sent.add(article.getId());
    return pending();
  }

  @Override
  public CompletableFuture<Void> publish(DeadLetter deadLetter) {
    deadLetters.add(deadLetter);
    sent.add("dlq:" + deadLetter.getReason());
    return pending();
  }

  private CompletableFuture<Void> pending() {
    entered.countDown();
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    CompletableFuture<Void> f = autoAck ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
    if (!autoAck) {
      unacked.add(f);
    }
    publishes.countDown();
    return f;
  }

  /** Acknowledges every record sent so far. */
  public void ackAll() {
    CompletableFuture<Void> f;
    while ((f = unacked.poll()) != null) {
      f.complete(null);
    }
  }

  /** Fails every record sent so far, as a producer does after its delivery timeout. */
  public void failAll(RuntimeException e) {
    CompletableFuture<Void> f;
    while ((f = unacked.poll()) != null) {
      f.completeExceptionally(e);
    }
  }
}
