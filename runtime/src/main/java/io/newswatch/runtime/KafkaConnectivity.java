package io.newswatch.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the Kafka cluster every few seconds whether it answers, so readiness reflects the broker and
 * an outage is logged when it starts, not when a client gives up a minute later. Not reachable
 * until the first answer.
 */
public final class KafkaConnectivity implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectivity.class);

  private final Admin admin;
  private final String bootstrap;
  private final Duration interval;
  private final Thread thread;
  private volatile boolean reachable;
  private volatile boolean running = true;
  private Instant downSince;

  private KafkaConnectivity(Admin admin, String bootstrap, Duration interval) {
    this.admin = admin;
    this.bootstrap = bootstrap;
    this.interval = interval;
    this.thread = new Thread(this::run, "newswatch-kafka-probe");
    this.thread.setDaemon(true);
  }

  /**
   * Starts probing the cluster of {@code kafka} (the clients' properties, security included) every
   * {@code interval}; each probe may take at most that long.
   */
  public static KafkaConnectivity start(Properties kafka, Duration interval) {
    if (!interval.isPositive()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "newswatch-kafka-probe");
    int ms = (int) Math.min(Integer.MAX_VALUE, interval.toMillis());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(ms));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(ms));
    p.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, Integer.toString(ms));
    KafkaConnectivity probe = new KafkaConnectivity(Admin.create(p), p.getProperty("bootstrap.servers"), interval);
    probe.thread.start();
    return probe;
  }

  /** Whether the last probe got an answer from the cluster. */
  public boolean reachable() {
    return reachable;
  }

  private void run() {
    while (running) {
      probe();
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void probe() {
    try {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) interval.toMillis()))
          .clusterId().get(interval.toMillis() + 500, TimeUnit.MILLISECONDS);
      if (downSince != null) {
        LOG.info("Kafka at {} answers again after {} s", bootstrap,
            Duration.between(downSince, Instant.now()).toSeconds());
      }
      downSince = null;
      reachable = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } catch (Exception e) {
      if (!running) {
        return;
      }
      reachable = false;
      if (downSince == null) {
        downSince = Instant.now();
        LOG.warn("Kafka at {} does not answer ({}); readiness is DOWN until it does", bootstrap,
            DeadLetters.describe(e));
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    admin.close(Duration.ofSeconds(1));
  }
}
