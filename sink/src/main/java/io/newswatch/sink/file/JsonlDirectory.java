package io.newswatch.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.DurableFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One target directory of JSONL files: knows its delivered keys and appends durably. Thread-safe. */
final class JsonlDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JsonlDirectory.class);

  private final Path directory;
  private final JsonlFileConfig config;
  private final Pattern fileName;
  private final Set<String> keys = new HashSet<>();
  private FileChannel current;
  private LocalDate currentDay;
  private int currentIndex;

  private JsonlDirectory(Path directory, JsonlFileConfig config) {
    this.directory = directory;
    this.config = config;
    this.fileName = Pattern.compile(Pattern.quote(config.filePrefix()) + "-(\\d{4}-\\d{2}-\\d{2})(?:\\.(\\d+))?\\.jsonl");
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

  synchronized int size() {
    return keys.size();
  }

  /** Appends the line unless its key is already there; returns false if it was. */
  synchronized boolean append(String key, byte[] jsonLine) throws IOException {
    if (keys.contains(key)) {
      return false;
    }
    byte[] line = new byte[jsonLine.length + 1];
    System.arraycopy(jsonLine, 0, line, 0, jsonLine.length);
    line[jsonLine.length] = '\n';
    FileChannel channel = channelFor(line.length);
    try {
      DurableFiles.appendAndSync(channel, line);
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

  private FileChannel channelFor(int lineLength) throws IOException {
    LocalDate today = LocalDate.now(config.clock().withZone(ZoneOffset.UTC));
    if (current == null || !today.equals(currentDay)) {
      closeCurrent();
      currentDay = today;
      currentIndex = highestIndex(today);
      current = openFile(file(today, currentIndex));
    }
    if (current.size() > 0 && current.size() + lineLength > config.maxFileBytes()) {
      closeCurrent();
      currentIndex++;
      current = openFile(file(currentDay, currentIndex));
    }
    return current;
  }

  private FileChannel openFile(Path file) throws IOException {
    boolean created = !Files.exists(file);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.position(channel.size());
    if (created) {
      DurableFiles.syncDirectory(directory);
    }
    return channel;
  }

  private Path file(LocalDate day, int index) {
    String suffix = index == 0 ? "" : "." + index;
    return directory.resolve(config.filePrefix() + "-" + day + suffix + ".jsonl");
  }

  private int highestIndex(LocalDate day) throws IOException {
    int highest = 0;
    for (Path p : ownFiles()) {
      Matcher m = fileName.matcher(p.getFileName().toString());
      if (m.matches() && m.group(1).equals(day.toString()) && m.group(2) != null) {
        highest = Math.max(highest, Integer.parseInt(m.group(2)));
      }
    }
    return highest;
  }

  private List<Path> ownFiles() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> fileName.matcher(p.getFileName().toString()).matches()).sorted().toList();
    }
  }

  private void recover() throws IOException {
    for (Path p : ownFiles()) {
      try (FileChannel channel = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long cut = DurableFiles.truncateTornTail(channel);
        if (cut > 0) {
          LOG.warn("Cut a torn last line of {} bytes from {}: it was never acknowledged, so it will be redelivered",
              cut, p);
        }
      }
      readKeys(p);
    }
    LOG.info("Opened {} with {} delivered keys", directory, keys.size());
  }

  private void readKeys(Path p) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode key = AlertJson.mapper().readTree(line).get("deliveryKey");
          if (key != null && key.isTextual()) {
            keys.add(key.asText());
          } else {
            LOG.warn("Line {} of {} has no deliveryKey; it cannot dedupe a replay", number, p);
          }
        } catch (IOException e) {
          LOG.warn("Line {} of {} is not JSON; skipped when rebuilding delivered keys", number, p, e);
        }
      }
    }
  }

  private void closeCurrent() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public synchronized void close() {
    try {
      closeCurrent();
    } catch (IOException e) {
      LOG.warn("Closing the current file in {} failed", directory, e);
    }
  }
}
