package io.newswatch.ingest.files;

import io.newswatch.ingest.normalize.RawArticle;
import java.util.List;

/**
 * The articles found in one file, and the parts of it (JSON Lines records) that could not be read.
 *
 * @param articles articles, not yet normalized
 * @param failures unreadable parts, each with its reason and bytes
 */
public record ParsedFile(List<RawArticle> articles, List<Failure> failures) {
  public ParsedFile {
    articles = List.copyOf(articles);
    failures = List.copyOf(failures);
  }

  /**
   * One unreadable part of a file.
   *
   * @param reason why it could not be read
   * @param payload its bytes
   * @param location where in the file, e.g. {@code line 3}
   */
  public record Failure(String reason, byte[] payload, String location) {}
}
