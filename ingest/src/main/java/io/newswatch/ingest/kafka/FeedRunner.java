package io.newswatch.ingest.kafka;

import io.newswatch.ingest.feed.FeedConfig;
import io.newswatch.ingest.feed.FeedPoller;
import io.newswatch.ingest.feed.PollResult;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.FeedState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every feed on its own schedule and publishes what is new, then the feed's state. The state
 * is written only after the articles are acknowledged, so a crash in between republishes (which
 * enrich drops as an exact duplicate by id) and never loses an item.
 */
public final class FeedRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedRunner.class);

  private final List<FeedConfig> feeds;
  private final FeedPoller poller;
  private final KafkaArticleSink sink;
  private final Map<String, FeedState> states;
  private final java.util.concurrent.ScheduledThreadPoolExecutor scheduler;

  public FeedRunner(List<FeedConfig> feeds, FeedPoller poller, KafkaArticleSink sink, Map<String, FeedState> initial) {
    this.feeds = List.copyOf(feeds);
    this.poller = poller;
    this.sink = sink;
    this.states = new ConcurrentHashMap<>(initial);
    this.scheduler = (java.util.concurrent.ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(Math.min(4, Math.max(1, feeds.size())), r -> {
      Thread t = new Thread(r, "newswatch-feed-poller");
      t.setDaemon(true);
      return t;
    });
  }

  public void start() {
    for (FeedConfig feed : feeds) {
      scheduler.schedule(() -> pollAndReschedule(feed), 0, TimeUnit.MILLISECONDS);
    }
    log.info("polling {} feeds", feeds.size());
  }

  /** Polls one feed once and publishes the outcome; other feeds are unaffected by its failures. */
  public PollResult pollOnce(FeedConfig feed) {
    PollResult r = poller.poll(feed, states.get(feed.id()));
    for (Article a : r.articles()) {
      sink.accept(a);
    }
    for (DeadLetter d : r.rejects()) {
      sink.reject(d);
    }
    sink.flush();
    sink.saveFeedState(r.state());
    sink.flush();
    states.put(feed.id(), r.state());
    log.info("feed {}: {} ({} new, {} rejected){}", feed.id(), r.outcome(), r.articles().size(), r.rejects().size(),
        r.reason() == null || r.reason().isBlank() ? "" : ": " + r.reason());
    return r;
  }

  /** Polls every feed once, one after the other, on the caller's thread; a feed that throws does not stop the rest. */
  public List<PollResult> pollAllOnce() {
    List<PollResult> results = new java.util.ArrayList<>();
    for (FeedConfig feed : feeds) {
      try {
        results.add(pollOnce(feed));
      } catch (RuntimeException e) {
        log.error("feed {} failed", feed.id(), e);
      }
    }
    return results;
  }

  private void pollAndReschedule(FeedConfig feed) {
    Duration next = feed.interval();
    try {
      next = pollOnce(feed).nextPollIn();
    } catch (RuntimeException e) {
      log.error("feed {} failed; retrying after {}", feed.id(), next, e);
    }
    if (!scheduler.isShutdown()) {
      scheduler.schedule(() -> pollAndReschedule(feed), next.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Lets a poll in progress finish, so its state is saved, then stops. */
  @Override
  public void close() {
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      scheduler.shutdownNow();
    }
  }
}
