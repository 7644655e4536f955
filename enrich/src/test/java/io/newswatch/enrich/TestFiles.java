package io.newswatch.enrich;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.tagging.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates test data: the repo's sample seeds and this module's test resources. */
public final class TestFiles {

  private TestFiles() {}

  /** The repo's samples/seeds folder (surefire sets newswatch.repo.root; else relative to the module). */
  public static Path seeds() {
    String root = System.getProperty("newswatch.repo.root");
    Path base = root != null && !root.isBlank() ? Path.of(root) : Path.of("..");
    return base.resolve("samples").resolve("seeds");
  }

  /** A folder or file under src/test/resources. */
  public static Path resource(String name) {
    URL url = TestFiles.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("test resource " + name + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad resource URL " + url, e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A test article file as a tagger document: the first line is the headline when it is short, does
   * not end a sentence and more text follows; the language comes from the script. (The CLI reads files
   * through ingest's parser; enrich's tests only need the text.)
   */
  public static Document document(Path file) {
    String text = read(file);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String title = "";
    String body = text;
    int newline = text.indexOf('\n');
    if (newline > 0 && newline <= 200 && !text.substring(newline).isBlank()) {
      String first = text.substring(0, newline).strip();
      if (!first.matches(".*[.!?\u061F:]$")) {
        title = first;
        body = text.substring(newline + 1);
      }
    }
    return new Document(file.getFileName().toString(), title, body, TextLanguage.byScript(text).code());
  }

  /** Rows of a TSV file with a header line, split on tabs. */
  public static List<String[]> tsv(Path file) {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = read(file).lines().filter(l -> !l.isBlank()).toList();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(line.split("\t", -1));
    }
    return rows;
  }
}
