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
