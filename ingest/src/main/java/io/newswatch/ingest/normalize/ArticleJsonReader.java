package io.newswatch.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.schemas.avro.SourceType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one article object from JSON (files and HTTP push share the format).
 *
 * <p>Fields: {@code url}, {@code canonicalUrl}, {@code title}, {@code body} (or {@code text} /
 * {@code content}), {@code publishedAt} (ISO-8601 string or epoch milliseconds), {@code lang},
 * {@code source}, {@code attributes} (object of strings). Unknown fields are ignored.
 */
public final class ArticleJsonReader {

  private final UrlCanonicalizer urls = new UrlCanonicalizer();

  /**
   * Maps {@code node} to a raw article.
   *
   * @param extra attributes added to the article's own (e.g. the file name)
   * @throws InvalidArticleException when the node is not an object, has no body, or carries a bad
   *     URL or date
   */
  public RawArticle read(JsonNode node, SourceType type, Map<String, String> extra) throws InvalidArticleException {
    if (node == null || !node.isObject()) {
      throw new InvalidArticleException("an article must be a JSON object, got " + kind(node));
    }
    String body = text(node, "body").or(() -> text(node, "text")).or(() -> text(node, "content")).orElse(null);
    if (body == null || body.isBlank()) {
      throw new InvalidArticleException("field 'body' is missing or empty");
    }
    String url = text(node, "url").orElse(null);
    if (url != null && urls.canonicalize(url).isEmpty()) {
      throw new InvalidArticleException("field 'url' is not an absolute http(s) URL");
    }
    Instant published = publishedAt(node.get("publishedAt"));
    Map<String, String> attributes = new HashMap<>(extra == null ? Map.of() : extra);
    JsonNode attrs = node.get("attributes");
    if (attrs != null && attrs.isObject()) {
      attrs.properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
    }
    return new RawArticle(url, text(node, "canonicalUrl").orElse(null), text(node, "title").orElse(null), body,
        published, text(node, "lang").orElse(null), text(node, "source").orElse(null), type, attributes);
  }

  private static Instant publishedAt(JsonNode value) throws InvalidArticleException {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return Instant.ofEpochMilli(value.asLong());
    }
    if (value.isTextual()) {
      Optional<Instant> parsed = Timestamps.parse(value.asText());
      if (parsed.isPresent()) {
        return parsed.get();
      }
    }
    throw new InvalidArticleException(
        "field 'publishedAt' must be an ISO-8601 time such as 2024-11-01T08:24:49Z or epoch milliseconds");
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static String kind(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
