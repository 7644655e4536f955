package io.newswatch.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The CLI jar the child processes run. It is copied once per test JVM into {@code target/cli-snapshot},
 * so that someone rebuilding {@code cli} meanwhile cannot change the jar under a running test.
 */
final class CliJar {
  private static final String JAR = "newswatch-cli.jar";
  private static Path snapshot;

  private CliJar() {}

  /** The snapshotted jar; its {@code lib/} sits beside it, as the manifest's class path expects. */
  static synchronized Path path() {
    if (snapshot == null) {
      snapshot = takeSnapshot();
    }
    return snapshot;
  }

  private static Path takeSnapshot() {
    Path home = Path.of(System.getProperty("newswatch.cli.home",
        Path.of(System.getProperty("newswatch.repo.root", "..")).resolve("cli/target").toString()));
    Path jar = home.resolve(JAR);
    if (!Files.isRegularFile(jar) || !Files.isDirectory(home.resolve("lib"))) {
      throw new IllegalStateException("the CLI jar is missing at " + jar + " (with lib/ beside it): build it with "
          + "./mvnw -q -o -pl cli -am install -DskipTests, or point -Dnewswatch.cli.home at its folder");
    }
    Path target = Path.of("target", "cli-snapshot").toAbsolutePath();
    try {
      if (Files.isDirectory(target)) {
        try (Stream<Path> old = Files.walk(target)) {
          for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(target.resolve("lib"));
      place(jar, target.resolve(JAR));
      try (Stream<Path> libs = Files.list(home.resolve("lib"))) {
        for (Path lib : libs.toList()) {
          place(lib, target.resolve("lib").resolve(lib.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot snapshot the CLI jar into " + target, e);
    }
    return target.resolve(JAR);
  }

  private static void place(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }
}
