package io.newswatch.sink.ledger;

import io.newswatch.sink.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ledger kept as an append-only file of keys, one a line, fsynced after each record. A line torn by
 * a crash is cut off on open: its key was never acknowledged as recorded, so the delivery is retried.
 */
public final class FileDeliveryLedger implements DeliveryLedger {

  private static final Logger LOG = LoggerFactory.getLogger(FileDeliveryLedger.class);

  private final Path file;
  private final Set<String> keys = new HashSet<>();
  private final FileChannel channel;

  private FileDeliveryLedger(Path file) throws IOException {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    boolean existed = Files.exists(file);
    try (FileChannel repair = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long cut = DurableFiles.truncateTornTail(repair);
      if (cut > 0) {
        LOG.warn("Cut {} bytes of a torn last line from ledger {}", cut, file);
      }
    }
    // Appends are atomic per line, so `newswatch redeliver` may record keys while the sink runs.
    this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines) {
      if (!line.isBlank()) {
        keys.add(line);
      }
    }
    if (!existed) {
      DurableFiles.syncDirectory(parent);
    }
  }

  /** Opens (creating if needed) the ledger file and loads its keys. */
  public static FileDeliveryLedger open(Path file) {
    try {
      return new FileDeliveryLedger(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open delivery ledger " + file + "; check the state directory is writable", e);
    }
  }

  @Override
  public synchronized boolean contains(String key) {
    return keys.contains(key);
  }

  @Override
  public synchronized void record(String key) {
    if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("delivery key must not contain a line break");
    }
    if (keys.contains(key)) {
      return;
    }
    try {
      DurableFiles.appendAndSync(channel, (key + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to delivery ledger " + file, e);
    }
    keys.add(key);
  }

  @Override
  public synchronized int size() {
    return keys.size();
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("Closing delivery ledger {} failed", file, e);
    }
  }
}
