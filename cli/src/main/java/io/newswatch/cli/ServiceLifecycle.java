package io.newswatch.cli;

import io.newswatch.runtime.ManagementServer;
import io.newswatch.runtime.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every long-running command shares: a management port with health and metrics, a
 * shutdown hook that closes what was started in reverse order, and a wait until Ctrl-C.
 */
final class ServiceLifecycle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceLifecycle.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ManagementServer management;
  private final PrintWriter status;
  private volatile boolean closed;

  /**
   * @param status where "stopping" and "stopped" are told on Ctrl-C, so the wait for a clean stop
   *     (a transaction to finish, a group to leave) does not look like a hang
   */
  ServiceLifecycle(Settings settings, PrintWriter status) throws IOException {
    this.status = status;
    int port = settings.getInt(Settings.MANAGEMENT_PORT, -1, 65535);
    management = port < 0 ? null : ManagementServer.start("127.0.0.1", port);
    if (management != null) {
      resources.push(management);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnSignal, "newswatch-shutdown"));
  }

  /** What Ctrl-C (SIGINT/SIGTERM) does: say so, close everything in reverse order, say it is done. */
  void stopOnSignal() {
    synchronized (this) {
      if (closed) {
        return;
      }
      status.println("newswatch: stopping (finishing work in flight and leaving the consumer groups) ...");
      status.flush();
    }
    long t0 = System.nanoTime();
    close();
    status.printf("newswatch: stopped in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    status.flush();
  }

  /** The metrics registry of the management port, or null when it is off. */
  io.micrometer.core.instrument.MeterRegistry meters() {
    return management == null ? null : management.meterRegistry();
  }

  ManagementServer management() {
    return management;
  }

  /** Registers something to close on shutdown; later registrations close first. */
  <T extends AutoCloseable> T manage(T resource) {
    resources.push(resource);
    return resource;
  }

  void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        log.warn("error while stopping {}", r.getClass().getSimpleName(), e);
      }
    }
    stopped.countDown();
  }
}
