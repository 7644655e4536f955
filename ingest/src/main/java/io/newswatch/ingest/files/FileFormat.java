package io.newswatch.ingest.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The article file formats the folder source reads, known by file extension. */
public enum FileFormat {
  TEXT,
  HTML,
  JSON,
  JSONL;

  /** The format of {@code file}, or empty for files that are not articles (e.g. {@code labels.tsv}). */
  public static Optional<FileFormat> of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.startsWith(".")) {
      return Optional.empty();
    }
    if (name.endsWith(".txt")) {
      return Optional.of(TEXT);
    }
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return Optional.of(HTML);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Optional.of(JSONL);
    }
    if (name.endsWith(".json")) {
      return Optional.of(JSON);
    }
    return Optional.empty();
  }
}
