package io.newswatch.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newswatch.schemas.registry.RegistryConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Immutable, layered configuration: defaults in code, then a properties or YAML file, then
 * environment variables ({@code NEWSWATCH_KAFKA_BOOTSTRAP_SERVERS} is {@code
 * kafka.bootstrap.servers}), then command-line flags. Every {@code kafka.*} key goes to the Kafka
 * clients with the prefix removed, so SASL_SSL and mTLS settings work unchanged.
 *
 * <p>Typed getters fail with a message that names the key and says what is expected.
 */
public final class Settings {
  public static final String ENV_PREFIX = "NEWSWATCH_";

  // Keys shared by every service.
  public static final String BOOTSTRAP = "kafka.bootstrap.servers";
  public static final String REGISTRY_URL = "registry.url";
  public static final String REGISTRY_AUTO_REGISTER = "registry.auto-register";
  public static final String REGISTRY_BASIC_AUTH = "registry.basic-auth";
  public static final String REGISTRY_BEARER_TOKEN = "registry.bearer-token";
  public static final String MANAGEMENT_PORT = "management.port";
  public static final String DATA_DIR = "data.dir";

  /** Where a key's value came from when nobody said otherwise: a default in code. */
  public static final String FROM_DEFAULTS = "defaults";
  /** The origin of values a command sets from its own options. */
  public static final String FROM_OPTIONS = "a command-line option";

  private final Map<String, String> values;
  /** For each key, the layer its value came from, so an error can say where to fix it. */
  private final Map<String, String> origins;

  private Settings(Map<String, String> values, Map<String, String> origins) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    this.origins = Collections.unmodifiableMap(new TreeMap<>(origins));
  }

  /** The shared defaults; each service adds its own. */
  public static Map<String, String> baseDefaults() {
    return Map.of(
        BOOTSTRAP, "127.0.0.1:9092",
        REGISTRY_URL, "http://127.0.0.1:8081/apis/ccompat/v7",
        REGISTRY_AUTO_REGISTER, "false",
        MANAGEMENT_PORT, "0",
        DATA_DIR, "data");
  }

  /** Builds settings from the four layers; a later layer wins. {@code file} may be null. */
  public static Settings load(Map<String, String> defaults, Path file, Map<String, String> env, Map<String, String> flags) {
    Map<String, String> v = new TreeMap<>();
    Map<String, String> o = new TreeMap<>();
    layer(v, o, baseDefaults(), key -> FROM_DEFAULTS);
    layer(v, o, defaults, key -> FROM_DEFAULTS);
    if (file != null) {
      layer(v, o, readFile(file), key -> "config file " + file);
    }
    layer(v, o, fromEnv(env), key -> "environment variable " + ENV_PREFIX + envName(key));
    layer(v, o, flags, key -> "--set " + key);
    return new Settings(v, o);
  }

  private static void layer(Map<String, String> values, Map<String, String> origins, Map<String, String> layer,
      Function<String, String> origin) {
    layer.forEach((k, val) -> {
      values.put(k, val);
      origins.put(k, origin.apply(k));
    });
  }

  public static Settings of(Map<String, String> values) {
    Map<String, String> v = new TreeMap<>();
    Map<String, String> o = new TreeMap<>();
    layer(v, o, baseDefaults(), key -> FROM_DEFAULTS);
    layer(v, o, values, key -> FROM_OPTIONS);
    return new Settings(v, o);
  }

  /** A copy with some keys replaced, as a command's own options do. */
  public Settings with(Map<String, String> overrides) {
    return with(overrides, FROM_OPTIONS);
  }

  /** A copy with some keys replaced; {@code origin} says where they came from, for error messages. */
  public Settings with(Map<String, String> overrides, String origin) {
    Map<String, String> v = new TreeMap<>(values);
    Map<String, String> o = new TreeMap<>(origins);
    layer(v, o, overrides, key -> origin);
    return new Settings(v, o);
  }

  /** Where the value of {@code key} came from: defaults, a config file, an environment variable or a flag. */
  public String origin(String key) {
    return origins.getOrDefault(key, FROM_DEFAULTS);
  }

  /** NEWSWATCH_A_B_C becomes a.b.c; a double underscore stands for a dash (NEWSWATCH_REGISTRY_AUTO__REGISTER). */
  static Map<String, String> fromEnv(Map<String, String> env) {
    Map<String, String> out = new TreeMap<>();
    env.forEach((k, val) -> {
      if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
        String key = k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace("__", "-").replace('_', '.');
        out.put(key, val);
      }
    });
    return out;
  }

  static Map<String, String> readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config file " + file + " does not exist or is not a file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        Map<String, String> out = new TreeMap<>();
        if (root != null) {
          flatten("", root, out);
        }
        return out;
      }
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      Map<String, String> out = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (node.isArray()) {
      StringBuilder sb = new StringBuilder();
      node.forEach(n -> sb.append(sb.isEmpty() ? "" : ",").append(n.asText()));
      out.put(prefix, sb.toString());
    } else if (!node.isNull()) {
      out.put(prefix, node.asText());
    }
  }

  public Map<String, String> asMap() {
    return values;
  }

  public boolean has(String key) {
    String v = values.get(key);
    return v != null && !v.isBlank();
  }

  /** The value, or a failure that names the missing key. */
  public String get(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new ConfigException(key, "is required but not set (flag, NEWSWATCH_" + envName(key) + ", or the config file)");
    }
    return v.trim();
  }

  public String get(String key, String dflt) {
    return has(key) ? values.get(key).trim() : dflt;
  }

  public int getInt(String key, int min, int max) {
    return parse(key, Integer::parseInt, "an integer from " + min + " to " + max, v -> v >= min && v <= max);
  }

  public boolean getBoolean(String key) {
    String v = get(key).toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new ConfigException(key, "must be true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  /** Durations as ISO-8601 (PT10S) or a number with a unit: 500ms, 10s, 5m, 2h, 7d. */
  public Duration getDuration(String key) {
    return parse(key, Settings::parseDuration, "a duration such as 500ms, 10s, 5m, 2h or 7d", d -> !d.isNegative());
  }

  public Path getPath(String key) {
    return Path.of(get(key));
  }

  private <T> T parse(String key, Function<String, T> parser, String expected, java.util.function.Predicate<T> ok) {
    String raw = get(key);
    T v;
    try {
      v = parser.apply(raw);
    } catch (RuntimeException e) {
      throw new ConfigException(key, "must be " + expected + ", got '" + raw + "'");
    }
    if (!ok.test(v)) {
      throw new ConfigException(key, "must be " + expected + ", got '" + raw + "'");
    }
    return v;
  }

  static Duration parseDuration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    }
    int i = 0;
    while (i < t.length() && (Character.isDigit(t.charAt(i)))) {
      i++;
    }
    long n = Long.parseLong(t.substring(0, i));
    return switch (t.substring(i).trim()) {
      case "ms" -> Duration.ofMillis(n);
      case "s", "" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException("unknown unit in " + s);
    };
  }

  /** Every {@code kafka.*} key with the prefix removed, ready for a Kafka client. */
  public Properties kafkaProperties() {
    Properties p = new Properties();
    values.forEach((k, v) -> {
      if (k.startsWith("kafka.") && v != null) {
        p.setProperty(k.substring("kafka.".length()), v);
      }
    });
    if (!p.containsKey("bootstrap.servers")) {
      throw new ConfigException(BOOTSTRAP, "is required");
    }
    return p;
  }

  /** The schema registry connection. */
  public RegistryConfig registryConfig() {
    String url = get(REGISTRY_URL);
    try {
      return new RegistryConfig(java.net.URI.create(url), get(REGISTRY_BASIC_AUTH, null), get(REGISTRY_BEARER_TOKEN, null),
          Duration.ofSeconds(10), 3, Duration.ofMillis(200), getBoolean(REGISTRY_AUTO_REGISTER));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(REGISTRY_URL, "is invalid: " + e.getMessage());
    }
  }

  static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace("-", "__").replace('.', '_');
  }

  /** Keys whose values must never be printed. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("jaas")
        || k.contains("basic-auth") || k.contains("user.info") || k.contains("key.pass");
  }

  /** The settings with secrets masked, for logs. */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    values.forEach((k, v) -> shown.put(k, isSecret(k) && v != null && !v.isEmpty() ? "******" : v));
    return shown.toString();
  }
}
