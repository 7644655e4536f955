package io.newswatch.ingest.normalize;

import io.newswatch.schemas.avro.SourceType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An article as a source found it, before normalization: any field but the source type may be blank.
 *
 * @param url the link the source gave, or null
 * @param canonicalUrl the page's own canonical link (HTML {@code rel=canonical}, {@code og:url}), or null
 * @param title headline, or null
 * @param body main text (already extracted from HTML), or null
 * @param publishedAt publication time, or null
 * @param langHint the language the source declares, or null; detection overrides it for ar/en
 * @param source the outlet (host, feed title), or null to derive it from the URL
 * @param sourceType which kind of source produced it
 * @param attributes source metadata (feed id, file name...); copied
 * @param bodyIsArticleText true when the body is the publisher's own article text (a feed item's summary),
 *     not text scraped from a page: the normalizer then keeps every line instead of removing page debris
 */
public record RawArticle(
    String url,
    String canonicalUrl,
    String title,
    String body,
    Instant publishedAt,
    String langHint,
    String source,
    SourceType sourceType,
    Map<String, String> attributes,
    boolean bodyIsArticleText) {

  public RawArticle {
    Objects.requireNonNull(sourceType, "sourceType");
    attributes = attributes == null ? Map.of() : attributes.entrySet().stream()
        .filter(e -> e.getKey() != null && e.getValue() != null)
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** An article whose body may hold page debris (a page, a file, a push), to be cleaned by the normalizer. */
  public RawArticle(String url, String canonicalUrl, String title, String body, Instant publishedAt, String langHint,
      String source, SourceType sourceType, Map<String, String> attributes) {
    this(url, canonicalUrl, title, body, publishedAt, langHint, source, sourceType, attributes, false);
  }

  /** A copy with a body scraped from a page, e.g. the full text fetched for a feed summary. */
  public RawArticle withBody(String newBody) {
    return new RawArticle(url, canonicalUrl, title, newBody, publishedAt, langHint, source, sourceType, attributes,
        false);
  }

  /** A copy with another canonical URL. */
  public RawArticle withCanonicalUrl(String newCanonicalUrl) {
    return new RawArticle(url, newCanonicalUrl, title, body, publishedAt, langHint, source, sourceType, attributes,
        bodyIsArticleText);
  }
}
