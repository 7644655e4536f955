package io.newswatch.runtime;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a shutdown sequence with a deadline. Kafka clients wait for an unreachable broker for their
 * whole close timeouts, one after the other, which made a stop take over a minute; every service is
 * safe against SIGKILL (work not committed is replayed), so past the deadline the process may end
 * with the sequence unfinished.
 */
public final class BoundedShutdown {

  private static final Logger LOG = LoggerFactory.getLogger(BoundedShutdown.class);

  private BoundedShutdown() {
  }

  /** Runs {@code sequence} on its own thread and returns when it ends or {@code deadline} passed; true if it ended. */
  public static boolean run(String what, Duration deadline, Runnable sequence) {
    Thread t = new Thread(() -> {
      try {
        sequence.run();
      } catch (RuntimeException e) {
        LOG.warn("Stopping {} failed", what, e);
      }
    }, "newswatch-stop-" + what);
    t.setDaemon(true);
    long t0 = System.nanoTime();
    t.start();
    try {
      t.join(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      LOG.warn("Stopping {} took longer than {} s; exiting anyway (work not committed is replayed on the next start)",
          what, deadline.toSeconds());
      return false;
    }
    LOG.debug("{} stopped in {} ms", what, Duration.ofNanos(System.nanoTime() - t0).toMillis());
    return true;
  }
}
