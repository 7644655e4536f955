package io.newswatch.sink.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads subscriptions from a YAML seed file ({@code subscriptions: [ {id, channel, target, ...} ]}),
 * collecting every problem with its path, e.g. {@code subscriptions[2].minSeverity}.
 */
public final class SubscriptionSeedLoader {

  private static final Set<String> FIELDS = Set.of("id", "channel", "target", "topics", "minSeverity",
      "languages", "query", "enabled", "secretRef", "settings", "backfillFrom");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SubscriptionSeedLoader() {
  }

  /**
   * Loads and validates every subscription in the file.
   *
   * @throws InvalidSubscriptionException listing all problems, if there is any
   * @throws IOException if the file cannot be read
   */
  public static List<Subscription> load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses YAML text; {@code origin} names it in messages. */
  public static List<Subscription> parse(String yaml, String origin) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new InvalidSubscriptionException(List.of(origin + ": not valid YAML: " + e.getOriginalMessage()));
    }
    JsonNode list = root == null ? null : root.get("subscriptions");
    if (list == null || !list.isArray()) {
      throw new InvalidSubscriptionException(List.of(
          origin + ": expected a top-level 'subscriptions:' list of {id, channel, target, ...}"));
    }
    List<String> problems = new ArrayList<>();
    List<Subscription> result = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String prefix = "subscriptions[" + i + "].";
      Subscription s = read(list.get(i), prefix, problems);
      if (s == null) {
        continue;
      }
      List<String> own = SubscriptionValidator.problems(s, prefix);
      problems.addAll(own);
      if (!ids.add(s.getId())) {
        problems.add(prefix + "id: '" + s.getId() + "' is used twice; ids must be unique");
      }
      if (own.isEmpty()) {
        result.add(s);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSubscriptionException(problems.stream().map(p -> origin + ": " + p).toList());
    }
    return List.copyOf(result);
  }

  private static Subscription read(JsonNode node, String prefix, List<String> problems) {
    if (node == null || !node.isObject()) {
      problems.add(prefix.substring(0, prefix.length() - 1) + ": expected a mapping of subscription fields");
      return null;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        problems.add(prefix + name + ": unknown field; known fields are " + FIELDS.stream().sorted().toList());
      }
    }
    Subscription.Builder b = Subscription.newBuilder()
        .setId(text(node, "id", prefix, problems, ""))
        .setChannel(enumValue(node, "channel", Channel.class, Channel.UNKNOWN, prefix, problems))
        .setTarget(text(node, "target", prefix, problems, ""))
        .setTopics(strings(node, "topics", prefix, problems))
        .setMinSeverity(enumValue(node, "minSeverity", Severity.class, Severity.LOW, prefix, problems))
        .setLanguages(strings(node, "languages", prefix, problems))
        .setQuery(text(node, "query", prefix, problems, null))
        .setSecretRef(text(node, "secretRef", prefix, problems, null))
        .setSettings(settings(node, prefix, problems))
        .setBackfillFrom(instant(node, "backfillFrom", prefix, problems));
    JsonNode enabled = node.get("enabled");
    if (enabled == null || enabled.isNull()) {
      b.setEnabled(true);
    } else if (enabled.isBoolean()) {
      b.setEnabled(enabled.booleanValue());
    } else {
      problems.add(prefix + "enabled: '" + enabled.asText() + "' is not true or false");
      b.setEnabled(true);
    }
    return b.build();
  }

  private static String text(JsonNode node, String field, String prefix, List<String> problems, String fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isValueNode()) {
      problems.add(prefix + field + ": expected a single value, not a list or mapping");
      return fallback;
    }
    return value.asText();
  }

  /** An ISO-8601 instant (2025-11-17T00:00:00Z) or a date (2025-11-17, midnight UTC). */
  private static Instant instant(JsonNode node, String field, String prefix, List<String> problems) {
    String raw = text(node, field, prefix, problems, null);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String t = raw.strip();
    try {
      return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(t);
    } catch (DateTimeParseException e) {
      problems.add(prefix + field + ": '" + raw + "' is not a time; use 2025-11-17T00:00:00Z or 2025-11-17");
      return null;
    }
  }

  private static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type, E fallback,
      String prefix, List<String> problems) {
    String raw = text(node, field, prefix, problems, null);
    if (raw == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(prefix + field + ": '" + raw + "' is not one of " + Arrays.toString(type.getEnumConstants()));
      return fallback;
    }
  }

  private static List<String> strings(JsonNode node, String field, String prefix, List<String> problems) {
    JsonNode value = node.get(field);
    List<String> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (value.isValueNode()) {
      out.add(value.asText());
    } else if (value.isArray()) {
      value.forEach(v -> out.add(v.asText()));
    } else {
      problems.add(prefix + field + ": expected a list of strings");
    }
    return out;
  }

  private static Map<String, String> settings(JsonNode node, String prefix, List<String> problems) {
    JsonNode value = node.get("settings");
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isObject()) {
      problems.add(prefix + "settings: expected a mapping of string keys to string values");
      return out;
    }
    value.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
