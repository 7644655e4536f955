package io.newswatch.ingest.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a directory by polling and imports each new article file once.
 *
 * <p>Polling rather than {@code WatchService}, because it also works on network and container mounts
 * where change events are lost. A file is imported only when its size and modification time are the
 * same on two scans in a row, so a file still being written is not read half-way; the importer's ledger
 * keeps a file from being imported twice, also across restarts when the ledger is file-backed.
 */
public final class DirectoryWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);
  private static final int MAX_DEPTH = 8;

  private final Path dir;
  private final DirectoryImporter importer;
  private final Map<Path, Stamp> lastSeen = new HashMap<>();
  private ScheduledExecutorService scheduler;

  private record Stamp(long size, long modified) {}

  public DirectoryWatcher(Path dir, DirectoryImporter importer) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.importer = Objects.requireNonNull(importer, "importer");
  }

  /** One scan: imports the files that did not change since the previous scan. */
  public synchronized ImportReport scanOnce() throws IOException {
    Map<Path, Stamp> current = new HashMap<>();
    try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        current.put(file, new Stamp(attrs.size(), attrs.lastModifiedTime().toMillis()));
      }
    }
    ImportReport report = ImportReport.EMPTY;
    for (Map.Entry<Path, Stamp> e : current.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      if (e.getValue().equals(lastSeen.get(e.getKey())) && !e.getKey().getFileName().toString().startsWith(".")) {
        report = report.plus(importer.importFile(e.getKey()));
      }
    }
    lastSeen.clear();
    lastSeen.putAll(current);
    return report;
  }

  /** Starts scanning every {@code interval} on a daemon thread; {@link #close()} stops it. */
  public synchronized void start(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("watch interval must be positive, got " + interval);
    }
    if (scheduler != null) {
      throw new IllegalStateException("watcher for " + dir + " is already started");
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ingest-watch-" + dir.getFileName());
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::scanLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Watching {} every {}", dir, interval);
  }

  private void scanLogged() {
    try {
      ImportReport report = scanOnce();
      if (report.articles() + report.rejected() > 0) {
        LOG.info("Watch {}: {} articles, {} rejected", dir, report.articles(), report.rejected());
      }
    } catch (IOException | RuntimeException e) {
      // One failed scan (folder briefly unmounted, sink down) must not end the schedule.
      LOG.warn("Scan of {} failed; retrying on the next tick", dir, e);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
