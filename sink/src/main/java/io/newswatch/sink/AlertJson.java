package io.newswatch.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Evidence;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Renders an alert as plain JSON for people and other programs: ISO-8601 timestamps, enum names,
 * evidence as objects, and no Avro union wrappers.
 */
public final class AlertJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {
  }

  /** The shared, thread-safe mapper the sink uses for JSON. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The alert's fields as a JSON object. */
  public static ObjectNode toJson(Alert alert) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("alertId", alert.getAlertId());
    node.put("kind", alert.getKind().name());
    node.put("severity", alert.getSeverity().name());
    strings(node.putArray("severityReasons"), alert.getSeverityReasons());
    node.put("topic", alert.getTopic());
    node.put("ruleId", alert.getRuleId());
    node.put("storyId", alert.getStoryId());
    strings(node.putArray("articleIds"), alert.getArticleIds());
    node.put("title", alert.getTitle());
    node.put("summary", alert.getSummary());
    node.put("url", alert.getUrl());
    node.put("source", alert.getSource());
    node.put("lang", alert.getLang());
    node.put("score", alert.getScore());
    node.put("role", alert.getRole().name());
    node.put("passage", alert.getPassage());
    ArrayNode evidence = node.putArray("evidence");
    for (Evidence e : alert.getEvidence()) {
      ObjectNode item = evidence.addObject();
      item.put("term", e.getTerm());
      item.put("text", e.getText());
      item.put("field", e.getField());
      item.put("start", e.getStart());
      item.put("end", e.getEnd());
      item.put("weight", e.getWeight());
      item.put("rule", e.getRule());
      item.put("snippet", e.getSnippet());
    }
    strings(node.putArray("alsoReportedBy"), alert.getAlsoReportedBy());
    node.put("storyVersion", alert.getStoryVersion());
    node.put("storyArticles", alert.getStoryArticles());
    strings(node.putArray("storyLanguages"), alert.getStoryLanguages());
    node.put("firstSeen", iso(alert.getFirstSeen()));
    node.put("lastSeen", iso(alert.getLastSeen()));
    node.put("taxonomyVersion", alert.getTaxonomyVersion());
    node.put("publishedAt", iso(alert.getPublishedAt()));
    node.put("createdAt", iso(alert.getCreatedAt()));
    return node;
  }

  /**
   * One delivery as a JSON object: {@code deliveryKey} and {@code subscriptionId} first, then the
   * alert's fields. Files, webhooks and the database all store this shape.
   */
  public static ObjectNode envelope(String deliveryKey, String subscriptionId, Alert alert) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("deliveryKey", deliveryKey);
    node.put("subscriptionId", subscriptionId);
    node.setAll(toJson(alert));
    return node;
  }

  /** Compact UTF-8 bytes of a JSON tree, without a trailing newline. */
  public static byte[] bytes(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot render alert JSON", e);
    }
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
