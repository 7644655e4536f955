package io.newswatch.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads what each channel holds at the far end, as alert id -> number of deliveries. */
final class Delivered {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Delivered() {}

  /** Alert ids in the JSONL files of a FILE subscription's directory, from each line's {@code deliveryKey}. */
  static Map<String, Integer> files(Path dir) {
    Map<String, Integer> out = new HashMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            out.merge(alertId(JSON.readTree(line).path("deliveryKey").asText()), 1, Integer::sum);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JSONL files in " + dir, e);
    }
    return out;
  }

  /** Lines in the JSONL files; cheap enough to poll. */
  static long fileLines(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      long n = 0;
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        for (byte b : bytes) {
          if (b == '\n') {
            n++;
          }
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JSONL files in " + dir, e);
    }
  }

  /** Alert ids in the pipeline's {@code alert_delivery} table; an absent table counts as empty. */
  static Map<String, Integer> postgres(Pipeline pipe) {
    Map<String, Integer> out = new HashMap<>();
    for (String key : query(pipe, "SELECT delivery_key FROM " + pipe.pgSchema() + ".alert_delivery")) {
      out.merge(alertId(key), 1, Integer::sum);
    }
    return out;
  }

  /** Rows in the {@code alert_delivery} table; 0 before the sink has created it. */
  static long postgresRows(Pipeline pipe) {
    List<String> n = query(pipe, "SELECT count(*) FROM " + pipe.pgSchema() + ".alert_delivery");
    return n.isEmpty() ? 0 : Long.parseLong(n.get(0));
  }

  private static List<String> query(Pipeline pipe, String sql) {
    try (Connection c = DriverManager.getConnection(Pipeline.PG_URL, Pipeline.PG_USER, "");
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(sql)) {
        List<String> out = new java.util.ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1));
        }
        return out;
      } catch (SQLException e) {
        if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
          return List.of();
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot query PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * Webhook deliveries by alert id as the receiver sees them after deduplicating by
   * {@code Idempotency-Key}, the channel's contract: the number of distinct keys that named each alert.
   * Repeated POSTs of one key are counted apart, in {@link WebhookRecorder#requests()}.
   */
  static Map<String, Integer> webhook(WebhookRecorder hook) {
    Map<String, Integer> out = new HashMap<>();
    hook.postsByKey().keySet().forEach(k -> out.merge(alertId(k), 1, Integer::sum));
    return out;
  }

  /** A delivery key is {@code <subscription id>:<alert id>}. */
  static String alertId(String deliveryKey) {
    int colon = deliveryKey.indexOf(':');
    return colon < 0 ? deliveryKey : deliveryKey.substring(colon + 1);
  }
}
