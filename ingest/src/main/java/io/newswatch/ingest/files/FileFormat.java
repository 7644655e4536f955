package io.newswatch.ingest.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The article file formats the folder source reads, known by file extension. Names that writers use while
 * a file is incomplete are never articles: dot-files, {@code *.tmp}, {@code *.part} and the like (write,
 * then rename into place), and editors' lock and backup files.
 */
public enum FileFormat {
  TEXT,
  HTML,
  JSON,
  JSONL;

  private static final List<String> IN_PROGRESS_SUFFIXES =
      List.of(".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".filepart", "~");

  /** The format of {@code file}, or empty for files that are not articles (e.g. {@code labels.tsv}). */
  public static Optional<FileFormat> of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (isInProgress(name)) {
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

  /** Whether a file name marks a file not yet complete, or not the writer's own (dot-files, lock files). */
  public static boolean isInProgress(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    return name.startsWith(".") || name.startsWith("~$") || IN_PROGRESS_SUFFIXES.stream().anyMatch(name::endsWith);
  }
}
