package io.newswatch.ingest.files;

import io.newswatch.runtime.LogSafe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * where change events are lost. A file is imported only once its size and modification time have stayed
 * the same for the quiet period (and on two scans in a row), so a writer that pauses mid-file is not read
 * half-way; the importer checks them again right before publishing. Names that mark a file in progress
 * ({@code *.tmp}, {@code *.part}, dot-files and files in dot-folders) are never imported: writing under
 * such a name and renaming when done is the reliable way to drop files. The importer's ledger keeps a
 * file from being imported twice, also across restarts when the ledger is file-backed.
 */
public final class DirectoryWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);
  private static final int MAX_DEPTH = 8;

  private final Path dir;
  private final DirectoryImporter importer;
  private final Duration quietPeriod;
  private final Clock clock;
  private final Map<Path, Seen> lastSeen = new HashMap<>();
  private ScheduledExecutorService scheduler;

  /** A file's stamp and since when the watcher has seen it unchanged. */
  private record Seen(DirectoryImporter.Stamp stamp, Instant since) {}

  /** A watcher that imports a file once two scans in a row agree on it (no quiet period beyond the interval). */
  public DirectoryWatcher(Path dir, DirectoryImporter importer) {
    this(dir, importer, Duration.ZERO, Clock.systemUTC());
  }

  /**
   * @param quietPeriod how long a file must stay unchanged before it is imported
   * @param clock measures the quiet period
   */
  public DirectoryWatcher(Path dir, DirectoryImporter importer, Duration quietPeriod, Clock clock) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.importer = Objects.requireNonNull(importer, "importer");
    this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
    if (quietPeriod.isNegative()) {
      throw new IllegalArgumentException("quiet period must not be negative, got " + quietPeriod);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One scan: imports the files that have not changed for the quiet period. */
  public synchronized ImportReport scanOnce() throws IOException {
    Instant now = clock.instant();
    Map<Path, Seen> current = new HashMap<>();
    try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
      for (Path file : walk.filter(Files::isRegularFile).filter(this::isCandidate).sorted().toList()) {
        DirectoryImporter.Stamp stamp;
        try {
          stamp = DirectoryImporter.Stamp.of(Files.readAttributes(file, BasicFileAttributes.class));
        } catch (IOException e) {
          continue; // renamed or removed since the walk: a writer at work
        }
        Seen before = lastSeen.get(file);
        current.put(file, before != null && before.stamp().equals(stamp) ? before : new Seen(stamp, now));
      }
    }
    // The ready files are imported together, so their articles share the normalization pool.
    Map<Path, Optional<DirectoryImporter.Stamp>> ready = new HashMap<>();
    for (Map.Entry<Path, Seen> e : current.entrySet()) {
      Seen seen = e.getValue();
      boolean unchangedSinceLastScan = seen.equals(lastSeen.get(e.getKey()));
      boolean quietLongEnough = !Duration.between(seen.since(), now).minus(quietPeriod).isNegative();
      if (unchangedSinceLastScan && quietLongEnough) {
        ready.put(e.getKey(), Optional.of(seen.stamp()));
      }
    }
    lastSeen.clear();
    lastSeen.putAll(current);
    return ready.isEmpty() ? ImportReport.EMPTY : importer.importFiles(dir, ready);
  }

  private boolean isCandidate(Path file) {
    for (Path part : dir.relativize(file)) {
      if (FileFormat.isInProgress(part.toString()) && !part.equals(file.getFileName())) {
        return false; // a file inside a dot-folder (a staging area)
      }
    }
    return !FileFormat.isInProgress(file.getFileName().toString());
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
    LOG.info("Watching {} every {}; files are imported after {} unchanged", LogSafe.of(dir), interval, quietPeriod);
  }

  private void scanLogged() {
    try {
      ImportReport report = scanOnce();
      if (report.articles() + report.rejected() > 0) {
        LOG.info("Watch {}: {} articles, {} rejected", LogSafe.of(dir), report.articles(), report.rejected());
      }
    } catch (IOException | RuntimeException e) {
      // One failed scan (folder briefly unmounted, sink down) must not end the schedule.
      LOG.warn("Scan of {} failed; retrying on the next tick", LogSafe.of(dir), e);
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
