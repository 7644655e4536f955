package io.newswatch.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka and the schema registry, started together under one data directory and stopped together.
 * A lock file keeps two platforms off the same directory.
 */
public final class EmbeddedPlatform implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPlatform.class);

  private final PlatformConfig config;
  private final KafkaBrokerProcess broker;
  private final ApicurioRegistryProcess registry;
  private FileChannel lockChannel;
  private FileLock lock;
  private ChildSupervisor supervisor;
  private volatile boolean closed;

  private EmbeddedPlatform(PlatformConfig config) {
    this.config = config;
    this.broker = new KafkaBrokerProcess(config);
    this.registry = new ApicurioRegistryProcess(config);
  }

  /** Starts both parts and returns once both answer, or fails with the child's log tail. */
  public static EmbeddedPlatform start(PlatformConfig config) throws IOException, InterruptedException {
    EmbeddedPlatform p = new EmbeddedPlatform(config);
    try {
      p.doStart();
      return p;
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  private void doStart() throws IOException, InterruptedException {
    Files.createDirectories(config.dataDir());
    lockChannel = FileChannel.open(config.dataDir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by this same JVM
    }
    if (lock == null) {
      throw new IllegalStateException("another newswatch platform is using " + config.dataDir()
          + "; stop it first or pass another --data-dir");
    }
    for (int port : new int[] {config.kafkaPort(), config.controllerPort(), config.registryPort(), config.registryManagementPort()}) {
      if (Ports.inUse(port)) {
        throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use; stop what holds it or choose other ports");
      }
    }
    Instant t0 = Instant.now();
    Instant deadline = t0.plus(config.startTimeout());
    registry.start();
    broker.start();
    CompletableFuture<Void> registryReady = CompletableFuture.runAsync(() -> {
      try {
        registry.awaitReady(deadline);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    });
    broker.awaitReady(deadline);
    registryReady.join();
    log.info("platform ready in {} ms: kafka {} registry {}", Duration.between(t0, Instant.now()).toMillis(),
        config.bootstrapServers(), config.registryUrl());
  }

  public PlatformConfig config() {
    return config;
  }

  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  public String registryUrl() {
    return config.registryUrl();
  }

  public KafkaBrokerProcess broker() {
    return broker;
  }

  public ApicurioRegistryProcess registry() {
    return registry;
  }

  /**
   * Restarts the broker or the registry whenever it dies until {@link #close}; for long runs
   * ({@code newswatch run}, {@code newswatch platform}). Tests that stop a part on purpose do not call it.
   */
  public synchronized void supervise() {
    if (supervisor != null || closed) {
      return;
    }
    supervisor = new ChildSupervisor(() -> closed,
        part("Kafka broker", broker::child, broker::start, broker::awaitReady),
        part("schema registry", registry::child, registry::start, registry::awaitReady));
    supervisor.start();
  }

  private static ChildSupervisor.Part part(String name, java.util.function.Supplier<ChildProcess> child,
      Restart restart, Await await) {
    return new ChildSupervisor.Part() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ChildProcess child() {
        return child.get();
      }

      @Override
      public void restart() throws Exception {
        restart.run();
      }

      @Override
      public void awaitReady(Instant deadline) throws InterruptedException {
        await.run(deadline);
      }
    };
  }

  /** Starting a part again. */
  @FunctionalInterface
  private interface Restart {
    void run() throws Exception;
  }

  /** Waiting for a part to answer. */
  @FunctionalInterface
  private interface Await {
    void run(Instant deadline) throws InterruptedException;
  }

  /** Stops the broker and the registry, then releases the data directory. Safe to call twice. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (supervisor != null) {
      supervisor.close();
    }
    CompletableFuture<Void> r = CompletableFuture.runAsync(registry::close);
    broker.close();
    r.join();
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      log.warn("could not release the lock on {}", config.dataDir(), e);
    }
  }
}
