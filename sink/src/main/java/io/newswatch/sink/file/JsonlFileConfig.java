package io.newswatch.sink.file;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the JSONL file channel.
 *
 * @param filePrefix name of the files: {@code alerts} gives the current file {@code alerts.jsonl} and
 *     archives such as {@code alerts-2026-11-22.jsonl}
 * @param maxFileBytes a file is rotated before a line would take it past this size
 * @param clock decides the (UTC) day of the file a line goes to
 */
public record JsonlFileConfig(String filePrefix, long maxFileBytes, Clock clock) {

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+");

  /** alerts.jsonl, rotated at 64 MiB and at UTC midnight into alerts-*.jsonl archives. */
  public static JsonlFileConfig defaults() {
    return new JsonlFileConfig("alerts", 64L * 1024 * 1024, Clock.systemUTC());
  }

  public JsonlFileConfig {
    Objects.requireNonNull(clock, "clock");
    if (filePrefix == null || !PREFIX.matcher(filePrefix).matches()) {
      throw new IllegalArgumentException("filePrefix '" + filePrefix
          + "' must be letters, digits, '_' or '-' (it becomes part of file names)");
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes
          + "; use e.g. 67108864 for 64 MiB");
    }
  }

  /** The file lines are appended to in {@code directory}; rotated copies sit beside it, dated. */
  public Path currentFile(Path directory) {
    return directory.resolve(filePrefix + ".jsonl");
  }

  /** A copy with another clock, for tests that cross midnight. */
  public JsonlFileConfig withClock(Clock other) {
    return new JsonlFileConfig(filePrefix, maxFileBytes, other);
  }
}
