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
 * {@code source}, {@code attributes} (object of strings). A body or title that still holds HTML tags
 * or character references is turned into plain text. Unknown fields are ignored; a known field of
 * the wrong JSON type is refused, naming the field, not coerced: {@code "title": ["x"]} once became an
 * article without its headline, {@code "attributes": {"k": 5}} a string nobody sent.
 */
public final class ArticleJsonReader {

  /** Publication times before this are a unit mistake (seconds for milliseconds) or a placeholder. */
  private static final Instant EARLIEST_PUBLISHED = Instant.parse("1990-01-01T00:00:00Z");
  /** Clocks drift and time zones get lost; a publication further ahead than this is no real one. */
  private static final java.time.Duration LATEST_AHEAD = java.time.Duration.ofDays(2);

  /**
   * Block markup: a closing block tag or a line break. Only a body with blocks is read as HTML: one
   * with an inline tag alone ("<strong>...</strong>") keeps its own line breaks, which the cleaner's
   * line rules need, and text in angle brackets ("<U.S. forces on alert>") is no tag at all.
   */
  private static final java.util.regex.Pattern BLOCK = java.util.regex.Pattern.compile(
      "(?i)</(?:p|div|li|h[1-6]|figure|figcaption|blockquote|section|article|td|tr|table|ul|ol)\\s*>|<br\\s*/?>");
  /**
   * An inline element with its closing tag and real attribute syntax; its content is kept. The content
   * is bounded, so a body of unclosed "<b>"s costs no scan to its end per tag.
   */
  private static final java.util.regex.Pattern INLINE = java.util.regex.Pattern.compile(
      "(?is)<(strong|em|b|i|u|a|span|small|sup|sub|mark)"
          + "((?:\\s+[a-z][a-z0-9-]*(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s\"'<>]+))?)*)\\s*>(.{0,2000}?)</\\1\\s*>");
  /** A character reference left in text: &quot; &amp; &#8217; &#x2019; &nbsp; and their kind. */
  private static final java.util.regex.Pattern ENTITY = java.util.regex.Pattern.compile(
      "&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

  private final UrlCanonicalizer urls = new UrlCanonicalizer();
  private final HtmlExtractor html = new HtmlExtractor();

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
    String body = null;
    for (String field : new String[] {"body", "text", "content"}) {
      Optional<String> value = string(node, field);
      if (value.isPresent()) {
        body = value.get();
        break;
      }
    }
    if (body == null || body.isBlank()) {
      throw new InvalidArticleException("field 'body' is missing or empty");
    }
    body = text(body);
    String url = string(node, "url").orElse(null);
    if (url != null && urls.canonicalize(url).isEmpty()) {
      throw new InvalidArticleException("field 'url' is not an absolute http(s) URL");
    }
    Instant published = publishedAt(node.get("publishedAt"));
    Map<String, String> attributes = new HashMap<>(extra == null ? Map.of() : extra);
    JsonNode attrs = node.get("attributes");
    if (attrs != null && !attrs.isNull()) {
      if (!attrs.isObject()) {
        throw new InvalidArticleException("field 'attributes' must be an object of strings, got " + kind(attrs));
      }
      for (Map.Entry<String, JsonNode> e : attrs.properties()) {
        if (!e.getValue().isTextual()) {
          throw new InvalidArticleException("field 'attributes." + e.getKey() + "' must be a string, got "
              + kind(e.getValue()));
        }
        attributes.put(e.getKey(), e.getValue().asText());
      }
    }
    String title = string(node, "title").map(this::text).orElse(null);
    return new RawArticle(url, string(node, "canonicalUrl").orElse(null), title, body,
        published, string(node, "lang").orElse(null), string(node, "source").orElse(null), type, attributes);
  }

  private static Instant publishedAt(JsonNode value) throws InvalidArticleException {
    if (value == null || value.isNull()) {
      return null;
    }
    Instant published = null;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      published = Instant.ofEpochMilli(value.asLong());
    } else if (value.isTextual()) {
      published = Timestamps.parse(value.asText()).orElse(null);
    }
    if (published == null) {
      throw new InvalidArticleException(
          "field 'publishedAt' must be an ISO-8601 time such as 2024-11-01T08:24:49Z or epoch milliseconds");
    }
    if (published.isBefore(EARLIEST_PUBLISHED) || published.isAfter(Instant.now().plus(LATEST_AHEAD))) {
      throw new InvalidArticleException("field 'publishedAt' is " + published + ", outside " + EARLIEST_PUBLISHED
          + " to two days from now (epoch seconds where milliseconds were meant?)");
    }
    return published;
  }

  /**
   * Plain text of a field a scraper may have left as HTML: a body with tags is read as an HTML
   * fragment, one block per paragraph, as a feed item's content is; entities alone are decoded in
   * place, so the text's own line breaks stay. Tags and entities otherwise reached the article, its
   * evidence snippets and the desk's alerts ("...fired warning shots</strong>, the JCS said.</p>").
   */
  private String text(String value) {
    if (BLOCK.matcher(value).find()) {
      return html.fragmentText(value);
    }
    String text = value;
    for (String before = null; !text.equals(before); ) {
      before = text;
      text = INLINE.matcher(text).replaceAll("$3");
    }
    // Only references closed by ';': Jsoup would also read "&region=" in a URL as "®ion=".
    java.util.regex.Matcher m = ENTITY.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
          org.jsoup.parser.Parser.unescapeEntities(m.group(), false)));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  /** A string field: absent or null is empty; any other JSON type is refused, naming the field. */
  private static Optional<String> string(JsonNode node, String field) throws InvalidArticleException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new InvalidArticleException("field '" + field + "' must be a string, got " + kind(value));
    }
    return Optional.of(value.asText());
  }

  private static String kind(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
