package io.newswatch.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts a platform child (the broker or the registry) that died while the platform runs, with a
 * growing pause between failed restarts, so a crash of either does not leave the pipeline without
 * its cluster until a person notices.
 */
final class ChildSupervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChildSupervisor.class);
  private static final Duration CHECK = Duration.ofSeconds(1);
  private static final Duration MAX_PAUSE = Duration.ofMinutes(1);

  /** One supervised child: how to see it, how to start it again, how to wait for it. */
  interface Part {
    String name();

    ChildProcess child();

    void restart() throws Exception;

    void awaitReady(Instant deadline) throws InterruptedException;
  }

  private final Part[] parts;
  private final Supplier<Boolean> closing;
  private final Thread thread;
  private volatile boolean running = true;

  ChildSupervisor(Supplier<Boolean> closing, Part... parts) {
    this.parts = parts;
    this.closing = closing;
    this.thread = new Thread(this::run, "newswatch-platform-supervisor");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    Duration[] pause = new Duration[parts.length];
    Instant[] nextTry = new Instant[parts.length];
    while (running) {
      for (int i = 0; i < parts.length && running; i++) {
        Part part = parts[i];
        ChildProcess child = part.child();
        if (child == null || child.isAlive() || closing.get()
            || (nextTry[i] != null && Instant.now().isBefore(nextTry[i]))) {
          continue;
        }
        LOG.warn("{} (pid {}) died; restarting it. Its last log lines:\n{}", part.name(), child.pid(), child.tail(15));
        Instant t0 = Instant.now();
        try {
          part.restart();
          part.awaitReady(t0.plus(Duration.ofSeconds(90)));
          LOG.info("{} is back after {} ms (pid {})", part.name(), Duration.between(t0, Instant.now()).toMillis(),
              part.child().pid());
          pause[i] = null;
          nextTry[i] = null;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          pause[i] = pause[i] == null ? Duration.ofSeconds(2) : min(pause[i].multipliedBy(2), MAX_PAUSE);
          nextTry[i] = Instant.now().plus(pause[i]);
          LOG.error("Restarting {} failed; trying again in {} s", part.name(), pause[i].toSeconds(), e);
        }
      }
      try {
        Thread.sleep(CHECK);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
