package io.newswatch.cli;

import io.newswatch.ingest.files.FileArticleParser;
import io.newswatch.ingest.files.FileFormat;
import io.newswatch.ingest.files.ParsedFile;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.schemas.avro.Article;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads article files exactly as the folder source does (same parser, same cleaning and language
 * identification), so that the offline commands see the articles the live pipeline would tag.
 */
final class ArticleFiles {

  /** One article read from a file, with the file's text when it is plain text (for offsets). */
  record FileArticle(Path file, int index, Article article, String fileText) {}

  /** A file, or an article in it, that could not be read, and why. */
  record Problem(Path file, String reason) {}

  /** What a set of inputs held. */
  record Read(List<FileArticle> articles, List<Problem> problems) {}

  private final FileArticleParser parser = new FileArticleParser();
  private final ArticleNormalizer normalizer = new ArticleNormalizer();

  /** The article files among {@code inputs}: files as given, folders listed (one level, sorted). */
  static List<Path> expand(List<Path> inputs, List<Problem> problems) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> Files.isRegularFile(f) && FileFormat.of(f).isPresent()).sorted().forEach(files::add);
        }
      } else if (!Files.exists(p)) {
        problems.add(new Problem(p, "no such file"));
      } else if (FileFormat.of(p).isEmpty()) {
        problems.add(new Problem(p, "not an article file (expected .txt, .html, .json or .jsonl)"));
      } else {
        files.add(p);
      }
    }
    return files;
  }

  /** Reads every article of the inputs; unreadable files are problems, not exceptions. */
  Read read(List<Path> inputs) throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<FileArticle> out = new ArrayList<>();
    for (Path file : expand(inputs, problems)) {
      read(file, out, problems);
    }
    return new Read(out, problems);
  }

  void read(Path file, List<FileArticle> out, List<Problem> problems) {
    FileFormat format = FileFormat.of(file).orElseThrow();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      problems.add(new Problem(file, "cannot read: " + e.getMessage()));
      return;
    }
    ParsedFile parsed;
    try {
      parsed = parser.parse(file, format, bytes);
    } catch (InvalidArticleException e) {
      problems.add(new Problem(file, e.getMessage()));
      return;
    }
    parsed.failures().forEach(f -> problems.add(new Problem(file, f.location() + ": " + f.reason())));
    String text = format == FileFormat.TEXT ? new String(bytes, StandardCharsets.UTF_8) : null;
    int index = 0;
    for (RawArticle raw : parsed.articles()) {
      try {
        out.add(new FileArticle(file, index, normalizer.normalize(raw, Instant.EPOCH), text));
      } catch (InvalidArticleException e) {
        problems.add(new Problem(file, (parsed.articles().size() > 1 ? "article " + index + ": " : "") + e.getMessage()));
      }
      index++;
    }
  }
}
