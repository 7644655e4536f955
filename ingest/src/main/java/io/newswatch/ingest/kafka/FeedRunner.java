package io.newswatch.ingest.kafka;

import io.newswatch.ingest.feed.FeedConfig;
import io.newswatch.ingest.feed.FeedPoller;
import io.newswatch.ingest.feed.PollResult;
import io.newswatch.runtime.LogSafe;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.FeedState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every feed on its own schedule and publishes what is new, then the feed's state. The state
 * is written only after the articles are acknowledged, so a crash in between republishes (which
 * enrich drops as an exact duplicate by id) and never loses an item.
 *
 * <p>Each poll runs on its own virtual thread and is bounded by its feed's poll deadline; a single
 * platform thread only keeps the timetable. So a feed that hangs until its timeout holds nothing but
 * its own virtual thread, and every other feed is polled on time however many feeds are slow.
 */
public final class FeedRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedRunner.class);
  /** How long {@link #close()} lets polls in progress finish, so their state is saved. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final List<FeedConfig> feeds;
  private final FeedPoller poller;
  private final FeedStateSink sink;
  private final Map<String, FeedState> states;
  private final ScheduledExecutorService timetable;
  private final ExecutorService polls;
  private volatile boolean closed;

  public FeedRunner(List<FeedConfig> feeds, FeedPoller poller, FeedStateSink sink, Map<String, FeedState> initial) {
    this.feeds = List.copyOf(feeds);
    this.poller = poller;
    this.sink = sink;
    this.states = new ConcurrentHashMap<>(initial);
    this.timetable = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "newswatch-feed-timetable");
      t.setDaemon(true);
      return t;
    });
    this.polls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("newswatch-feed-poll-", 0).factory());
  }

  public void start() {
    for (FeedConfig feed : feeds) {
      schedule(feed, Duration.ZERO);
    }
    log.info("polling {} feeds, each on its own schedule", feeds.size());
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
        r.reason() == null || r.reason().isBlank() ? "" : ": " + LogSafe.url(r.reason()));
    return r;
  }

  private void schedule(FeedConfig feed, Duration delay) {
    if (closed) {
      return;
    }
    try {
      timetable.schedule(() -> startPoll(feed), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closing: the feed is not polled again.
    }
  }

  private void startPoll(FeedConfig feed) {
    try {
      polls.execute(() -> pollAndReschedule(feed));
    } catch (RejectedExecutionException e) {
      // Closing.
    }
  }

  /**
   * Polls every feed once, all at the same time on the poll threads (so hanging feeds do not add up
   * their timeouts), and returns when all are done; a feed that throws does not stop the rest.
   */
  public List<PollResult> pollAllOnce() {
    List<java.util.concurrent.Future<PollResult>> running = new java.util.ArrayList<>();
    for (FeedConfig feed : feeds) {
      running.add(polls.submit(() -> pollOnce(feed)));
    }
    List<PollResult> results = new java.util.ArrayList<>();
    for (int i = 0; i < running.size(); i++) {
      try {
        results.add(running.get(i).get());
      } catch (java.util.concurrent.ExecutionException e) {
        log.error("feed {} failed", feeds.get(i).id(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return results;
  }

  private void pollAndReschedule(FeedConfig feed) {
    Duration next = feed.interval();
    try {
      next = pollOnce(feed).nextPollIn();
    } catch (RuntimeException | StackOverflowError e) {
      // Whatever one document does to its poll, the feed stays on the timetable.
      log.error("feed {} failed; retrying after {}", feed.id(), next, e);
    }
    schedule(feed, next);
  }

  /** Stops the timetable and lets polls in progress finish (up to a grace period), so their state is saved. */
  @Override
  public void close() {
    closed = true;
    timetable.shutdownNow();
    polls.shutdown();
    try {
      if (!polls.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        polls.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      polls.shutdownNow();
    }
  }
}
