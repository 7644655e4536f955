package io.newswatch.sink.postgres;

import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * Where the PostgreSQL channel writes.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/newswatch}
 * @param user database user
 * @param password password, or empty for trust/peer auth
 * @param schema schema for the tables; created by Flyway if missing
 */
public record PostgresConfig(String jdbcUrl, String user, String password, String schema) {

  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public PostgresConfig {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("jdbcUrl '" + jdbcUrl + "' must start with jdbc:postgresql:, e.g."
          + " jdbc:postgresql://127.0.0.1:5432/newswatch");
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("user must be set, e.g. postgres");
    }
    password = password == null ? "" : password;
    if (schema == null || !SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema '" + schema + "' must be a lower-case SQL identifier"
          + " (letters, digits, '_'), e.g. newswatch");
    }
  }

  /**
   * Reads user, password and {@code currentSchema} (default {@code public}) from a JDBC URL such as
   * a POSTGRES subscription's target: {@code jdbc:postgresql://host/db?user=u&currentSchema=s}.
   */
  public static PostgresConfig fromJdbcUrl(String jdbcUrl, String defaultUser) {
    Properties props = Driver.parseURL(jdbcUrl, new Properties());
    if (props == null) {
      throw new IllegalArgumentException("'" + jdbcUrl + "' is not a PostgreSQL JDBC URL");
    }
    return new PostgresConfig(jdbcUrl, props.getProperty("user", defaultUser),
        props.getProperty("password", ""), props.getProperty("currentSchema", "public"));
  }

  /** The password is left out so the config can be logged. */
  @Override
  public String toString() {
    return "PostgresConfig[jdbcUrl=" + jdbcUrl.replaceAll("(?i)password=[^&]*", "password=***") + ", user=" + user
        + ", schema=" + schema + "]";
  }
}
