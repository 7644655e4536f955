package io.newswatch.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of one reliability run: logged, and written to
 * {@code target/reliability-reports/<name>.txt} so they outlive the build log.
 */
final class Report {
  private static final Logger log = LoggerFactory.getLogger(Report.class);

  private final String name;
  private final List<String> lines = new ArrayList<>();

  Report(String name) {
    this.name = name;
  }

  void line(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    lines.add(line);
    log.info("{}", line);
  }

  void write() {
    Path dir = Path.of("target", "reliability-reports");
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".txt"), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of " + name, e);
    }
  }
}
