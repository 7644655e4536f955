package io.newswatch.ingest.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which file contents were already imported (by SHA-256), so a re-run or a watcher rescan
 * does not publish the same file again; optionally kept in an append-only file across restarts.
 *
 * <p>What was imported is a fact about a Kafka cluster and topic, not about this machine: a file-backed
 * ledger is opened {@link #forTarget per cluster id and raw topic}, so pointing the same state folder at a
 * fresh cluster (or another topic) imports every file there again instead of hiding them all.
 */
public final class ImportLedger {

  private final Set<String> hashes = ConcurrentHashMap.newKeySet();
  private final Path file;

  private ImportLedger(Path file) {
    this.file = file;
  }

  /** A ledger that lives as long as the process. */
  public static ImportLedger inMemory() {
    return new ImportLedger(null);
  }

  /** A ledger kept in {@code file} (one hash per line), created when missing. */
  public static ImportLedger open(Path file) throws IOException {
    ImportLedger ledger = new ImportLedger(file);
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (!line.isBlank()) {
          ledger.hashes.add(line.strip());
        }
      }
    }
    return ledger;
  }

  /**
   * The ledger of files imported into {@code topic} of the cluster {@code clusterId}, kept in {@code
   * stateDir}. A ledger from before ledgers were keyed ({@code imported-files.ledger}) is not used: which
   * cluster it belonged to is unknown, and importing again (enrich drops repeats by id) is safe where
   * skipping is not.
   */
  public static ImportLedger forTarget(Path stateDir, String clusterId, String topic) throws IOException {
    return open(stateDir.resolve(fileName(clusterId, topic)));
  }

  /** The file name of the ledger of one cluster and topic; both are made of file-name-safe characters. */
  static String fileName(String clusterId, String topic) {
    return "imported-files." + safe(clusterId) + "." + safe(topic) + ".ledger";
  }

  private static String safe(String part) {
    if (part == null || part.isBlank()) {
      throw new IllegalArgumentException("the ledger needs a cluster id and a topic name");
    }
    // Cluster ids are base64url and topic names [a-zA-Z0-9._-]; anything else must not reach the file system.
    return part.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Whether a file with this content hash was already handled. */
  public boolean contains(String sha256) {
    return hashes.contains(sha256);
  }

  /** Records a handled file; returns false when it was already recorded. */
  public synchronized boolean record(String sha256) {
    if (!hashes.add(sha256)) {
      return false;
    }
    if (file != null) {
      try {
        Files.writeString(file, sha256 + "\n", StandardCharsets.US_ASCII,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write import ledger " + file + "; check the folder is writable", e);
      }
    }
    return true;
  }

  /** How many file contents are recorded. */
  public int size() {
    return hashes.size();
  }
}
