package io.newswatch.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's sample data from tests. */
public final class TestPaths {
  private TestPaths() {}

  /** {@code samples/seeds}, via the {@code newswatch.repo.root} property surefire sets, else relative to the module. */
  public static Path seeds() {
    String root = System.getProperty("newswatch.repo.root");
    Path candidate = root == null ? Path.of("..") : Path.of(root);
    Path seeds = candidate.resolve("samples").resolve("seeds");
    return Files.isDirectory(seeds) ? seeds : Path.of("..", "samples", "seeds");
  }
}
