package io.newswatch.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's sample data from tests. */
public final class TestPaths {
  private TestPaths() {}

  /** {@code samples/seeds}, via the {@code newswatch.repo.root} property surefire sets, else relative to the module. */
  public static Path seeds() {
    return repoRoot().resolve("samples").resolve("seeds");
  }

  /** The repository's root folder. */
  public static Path repoRoot() {
    String root = System.getProperty("newswatch.repo.root");
    Path candidate = root == null ? Path.of("..") : Path.of(root);
    return Files.isDirectory(candidate.resolve("samples").resolve("seeds")) ? candidate : Path.of("..");
  }
}
