package io.newswatch.enrich;

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
