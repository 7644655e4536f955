package io.newswatch.cli;

import io.newswatch.runtime.BoundedShutdown;
import io.newswatch.runtime.KafkaConnectivity;
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
  /** How often the cluster is asked whether it answers; also the longest a probe waits. */
  private static final java.time.Duration KAFKA_PROBE = java.time.Duration.ofSeconds(3);
  /** The longest a stop may take: orchestrators kill after 10 s. */
  static final java.time.Duration SHUTDOWN = java.time.Duration.ofSeconds(8);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ManagementServer management;
  private final PrintWriter status;
  private volatile boolean closed;
  private AutoCloseable platform;

  /**
   * Starts the management port ({@code management.port}, -1 for none) and, when Kafka is configured,
   * a probe of the cluster that readiness and the log follow.
   *
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
    if (settings.has(Settings.BOOTSTRAP)) {
      KafkaConnectivity kafka = KafkaConnectivity.start(settings.kafkaProperties(), KAFKA_PROBE);
      resources.push(kafka);
      addReadinessCheck("kafka", kafka::reachable);
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

  /** Adds a readiness check when the management port is on; nothing to do when it is off. */
  void addReadinessCheck(String name, java.util.function.BooleanSupplier check) {
    if (management != null) {
      management.addReadinessCheck(name, check);
    }
  }

  /** Where metrics are served, for the start banner; empty when the management port is off. */
  java.util.Optional<String> metricsUrl() {
    return management == null ? java.util.Optional.empty()
        : java.util.Optional.of("http://127.0.0.1:" + management.port() + "/metrics");
  }

  /** The metrics registry of the management port, or null when it is off. */
  io.micrometer.core.instrument.MeterRegistry meters() {
    return management == null ? null : management.meterRegistry();
  }

  ManagementServer management() {
    return management;
  }

  /**
   * Registers the embedded platform: closed after everything else and outside the stop's deadline,
   * so its broker and registry stop cleanly (and free the data directory) before the command returns.
   */
  void managePlatform(AutoCloseable platform) {
    this.platform = platform;
  }

  /** Registers something to close on shutdown; later registrations close first. */
  <T extends AutoCloseable> T manage(T resource) {
    resources.push(resource);
    return resource;
  }

  void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /** Closes everything in reverse order within {@link #SHUTDOWN}, even with the broker gone. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    BoundedShutdown.run("newswatch", SHUTDOWN, () -> {
      while (!resources.isEmpty()) {
        AutoCloseable r = resources.pop();
        try {
          r.close();
        } catch (Exception e) {
          log.warn("error while stopping {}", r.getClass().getSimpleName(), e);
        }
      }
    });
    if (platform != null) {
      try {
        platform.close();
      } catch (Exception e) {
        log.warn("error while stopping the embedded platform", e);
      }
    }
    stopped.countDown();
  }
}
