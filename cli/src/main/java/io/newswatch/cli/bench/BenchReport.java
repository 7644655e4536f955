package io.newswatch.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What one bench run printed and measured: the lines go to the terminal and to a text file, the
 * figures to a JSON file of the same name next to it ({@code bench-<UTC time>.txt} and {@code .json}).
 */
public final class BenchReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final StringBuilder text = new StringBuilder();
  private final ObjectNode root = JSON.createObjectNode();
  private final Instant started = Instant.now();

  public BenchReport(PrintWriter out, Path repoRoot) {
    this.out = out;
    root.put("date", started.toString());
    root.put("commit", commitOf(repoRoot));
  }

  /** Prints one line (a {@link String#format} pattern, {@link Locale#ROOT}) and keeps it for the text file. */
  public void say(String fmt, Object... args) {
    String line = String.format(Locale.ROOT, fmt, args);
    text.append(line).append('\n');
    out.println(line);
    out.flush();
  }

  /** The JSON object under {@code path} (dot-separated), created when missing. */
  public ObjectNode at(String path) {
    ObjectNode node = root;
    for (String part : path.split("\\.")) {
      node = node.has(part) ? (ObjectNode) node.get(part) : node.putObject(part);
    }
    return node;
  }

  /** Writes the text and the JSON into {@code dir}; returns the JSON file. */
  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(started);
    Path json = dir.resolve("bench-" + stamp + ".json");
    Files.writeString(dir.resolve("bench-" + stamp + ".txt"), text, StandardCharsets.UTF_8);
    Files.writeString(json, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    return json;
  }

  /** Rounds for the JSON file: figures, not noise. */
  public static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }

  private static String commitOf(Path repoRoot) {
    try {
      Process p = new ProcessBuilder("git", "-C", repoRoot.toString(), "describe", "--always", "--dirty")
          .redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? s : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
