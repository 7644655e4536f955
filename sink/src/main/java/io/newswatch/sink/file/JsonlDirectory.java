package io.newswatch.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.DurableFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target directory of JSONL files: knows its delivered keys and appends durably. Thread-safe.
 *
 * <p>Lines go to one file with a stable name, {@code <prefix>.jsonl}, so a desk can {@code tail -f}
 * it. It is rotated like a log: when a line of a new UTC day arrives, or the next line would take the
 * file past its size limit, the file is renamed to {@code <prefix>-<day>.jsonl} (then {@code
 * <prefix>-<day>.1.jsonl}, ...) after the day of its lines, and a new current file is started. The
 * delivered keys are rebuilt from every file at start, so rotation never causes a redelivery.
 */
final class JsonlDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JsonlDirectory.class);
  /** The field that dates a line; written by {@link #stamp}. */
  static final String DELIVERED_AT = "deliveredAt";

  private final Path directory;
  private final JsonlFileConfig config;
  private final Path currentFile;
  private final Pattern archiveName;
  private final DeliveredKeys keys = new DeliveredKeys();
  private FileChannel current;
  /** The UTC day of the lines in the current file; null while it is empty. */
  private LocalDate currentDay;
  /** Keys appended since the last fsync, with what waits for them; acknowledged by {@link #sync}. */
  private final java.util.Map<String, java.util.concurrent.CompletableFuture<Boolean>> unsynced =
      new java.util.LinkedHashMap<>();
  /** Size of the current file at the last fsync: where a failed group commit cuts it back to. */
  private long syncedSize;
  private long syncs;

  private JsonlDirectory(Path directory, JsonlFileConfig config) {
    this.directory = directory;
    this.config = config;
    this.currentFile = config.currentFile(directory);
    this.archiveName = Pattern.compile(Pattern.quote(config.filePrefix()) + "-(\\d{4}-\\d{2}-\\d{2})(?:\\.(\\d+))?\\.jsonl");
  }

  /** Opens the directory (creating it), repairs torn tails and loads the delivered keys. */
  static JsonlDirectory open(Path directory, JsonlFileConfig config) throws IOException {
    Files.createDirectories(directory);
    JsonlDirectory d = new JsonlDirectory(directory, config);
    d.recover();
    return d;
  }

  synchronized boolean contains(String key) {
    return keys.contains(key);
  }

  /** How many fsyncs of line data this directory has done, for tests of group commit. */
  synchronized long syncs() {
    return syncs;
  }

  /**
   * Appends the line without an fsync unless its key is already there or waiting; the future
   * completes with true once {@link #sync} made it durable (false: it was there already). Many lines
   * then cost one fsync, and a crash before it loses only lines nobody was told about.
   */
  synchronized java.util.concurrent.CompletableFuture<Boolean> appendDeferred(String key, byte[] jsonLine, Instant at) {
    java.util.concurrent.CompletableFuture<Boolean> waiting = unsynced.get(key);
    if (waiting != null) {
      return waiting;
    }
    if (keys.contains(key)) {
      return java.util.concurrent.CompletableFuture.completedFuture(false);
    }
    java.util.concurrent.CompletableFuture<Boolean> done = new java.util.concurrent.CompletableFuture<>();
    unsynced.put(key, done);
    try {
      FileChannel channel = channelFor(jsonLine.length + 1, at.atZone(ZoneOffset.UTC).toLocalDate());
      DurableFiles.append(channel, withNewline(jsonLine));
    } catch (IOException e) {
      cutBack(e);
    }
    return done;
  }

  /** Fsyncs the lines appended since the last call and acknowledges them; on failure they are cut and failed. */
  synchronized void sync() {
    if (unsynced.isEmpty()) {
      return;
    }
    try {
      if (current != null) {
        current.force(false);
        syncedSize = current.size();
        syncs++;
      }
      unsynced.forEach((key, f) -> keys.add(key));
      unsynced.values().forEach(f -> f.complete(true));
      unsynced.clear();
    } catch (IOException e) {
      cutBack(e);
    }
  }

  /** Fails every line since the last fsync and cuts them off: none may stay in front of the next ones. */
  private void cutBack(IOException e) {
    try {
      if (current != null) {
        current.truncate(syncedSize);
        current.force(true);
      }
    } catch (IOException cut) {
      e.addSuppressed(cut);
      try {
        closeCurrent();
      } catch (IOException ignored) {
        // Reopened (and its torn tail repaired) on the next start.
      }
    }
    unsynced.values().forEach(f -> f.completeExceptionally(e));
    unsynced.clear();
  }

  private static byte[] withNewline(byte[] jsonLine) {
    byte[] line = new byte[jsonLine.length + 1];
    System.arraycopy(jsonLine, 0, line, 0, jsonLine.length);
    line[jsonLine.length] = '\n';
    return line;
  }

  synchronized int size() {
    return keys.size();
  }

  /**
   * Appends the line unless its key is already there; returns false if it was. {@code at} is the
   * moment stamped into the line, which decides the day it is rotated under.
   */
  synchronized boolean append(String key, byte[] jsonLine, Instant at) throws IOException {
    if (keys.contains(key)) {
      return false;
    }
    byte[] line = new byte[jsonLine.length + 1];
    System.arraycopy(jsonLine, 0, line, 0, jsonLine.length);
    line[jsonLine.length] = '\n';
    FileChannel channel = channelFor(line.length, at.atZone(ZoneOffset.UTC).toLocalDate());
    try {
      DurableFiles.appendAndSync(channel, line);
      syncedSize = channel.size();
      syncs++;
    } catch (IOException e) {
      // A half-written line must not stay in front of the next one: cut it, and reopen next time.
      try {
        DurableFiles.truncateTornTail(channel);
      } catch (IOException cut) {
        e.addSuppressed(cut);
      } finally {
        closeCurrent();
      }
      throw e;
    }
    keys.add(key);
    return true;
  }

  private FileChannel channelFor(int lineLength, LocalDate day) throws IOException {
    if (current == null) {
      current = openCurrent();
    }
    boolean newDay = currentDay != null && !day.equals(currentDay);
    boolean full = current.size() > 0 && current.size() + lineLength > config.maxFileBytes();
    if (current.size() > 0 && (newDay || full)) {
      rotate();
      current = openCurrent();
    }
    if (current.size() == 0 || currentDay == null) {
      currentDay = day;
    }
    return current;
  }

  /** Renames the current file to the first free archive name of its day. */
  private void rotate() throws IOException {
    // Lines waiting for a group commit go with the file they were written to: make them durable first.
    current.force(false);
    closeCurrent();
    LocalDate day = currentDay != null ? currentDay : LocalDate.now(config.clock().withZone(ZoneOffset.UTC));
    Path archive = archive(day, nextIndex(day));
    Files.move(currentFile, archive, StandardCopyOption.ATOMIC_MOVE);
    DurableFiles.syncDirectory(directory);
    LOG.info("Rotated {} to {}", currentFile, archive.getFileName());
    currentDay = null;
  }

  private FileChannel openCurrent() throws IOException {
    boolean created = !Files.exists(currentFile);
    // Never through a link: one planted at alerts.jsonl would lead the writes (and the recovery's
    // truncation of a torn tail) to a file outside the subscription's directory.
    FileChannel channel = FileChannel.open(currentFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    channel.position(channel.size());
    syncedSize = channel.size();
    if (created) {
      DurableFiles.syncDirectory(directory);
    }
    return channel;
  }

  private Path archive(LocalDate day, int index) {
    String suffix = index == 0 ? "" : "." + index;
    return directory.resolve(config.filePrefix() + "-" + day + suffix + ".jsonl");
  }

  private int nextIndex(LocalDate day) throws IOException {
    int next = 0;
    for (Path p : ownFiles()) {
      Matcher m = archiveName.matcher(p.getFileName().toString());
      if (m.matches() && m.group(1).equals(day.toString())) {
        next = Math.max(next, m.group(2) == null ? 1 : Integer.parseInt(m.group(2)) + 1);
      }
    }
    return next;
  }

  /** The current file and the archives, nothing else that may share the directory. */
  private List<Path> ownFiles() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.equals(currentFile) || archiveName.matcher(p.getFileName().toString()).matches())
          .sorted().toList();
    }
  }

  private void recover() throws IOException {
    for (Path p : ownFiles()) {
      try (FileChannel channel = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS)) {
        long cut = DurableFiles.truncateTornTail(channel);
        if (cut > 0) {
          LOG.warn("Cut a torn last line of {} bytes from {}: it was never acknowledged, so it will be redelivered",
              cut, p);
        }
      }
      LocalDate lastDay = readKeys(p);
      if (p.equals(currentFile)) {
        currentDay = lastDay;
      }
    }
    LOG.info("Opened {} with {} delivered keys", directory, keys.size());
  }

  /** Loads the keys of one file; returns the day of its last dated line, or null. */
  private LocalDate readKeys(Path p) throws IOException {
    LocalDate lastDay = null;
    try (BufferedReader reader = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = AlertJson.mapper().readTree(line);
          JsonNode key = node.get("deliveryKey");
          if (key != null && key.isTextual()) {
            keys.add(key.asText());
          } else {
            LOG.warn("Line {} of {} has no deliveryKey; it cannot dedupe a replay", number, p);
          }
          JsonNode at = node.get(DELIVERED_AT);
          if (at != null && at.isTextual()) {
            lastDay = Instant.parse(at.asText()).atZone(ZoneOffset.UTC).toLocalDate();
          }
        } catch (IOException | DateTimeParseException e) {
          LOG.warn("Line {} of {} is not an alert line; skipped when rebuilding delivered keys", number, p, e);
        }
      }
    }
    return lastDay;
  }

  private void closeCurrent() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public synchronized void close() {
    sync();
    try {
      closeCurrent();
    } catch (IOException e) {
      LOG.warn("Closing the current file in {} failed", directory, e);
    }
  }
}
