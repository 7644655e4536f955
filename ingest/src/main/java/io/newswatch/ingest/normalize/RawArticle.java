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
    Map<String, String> attributes) {

  public RawArticle {
    Objects.requireNonNull(sourceType, "sourceType");
    attributes = attributes == null ? Map.of() : attributes.entrySet().stream()
        .filter(e -> e.getKey() != null && e.getValue() != null)
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** A copy with another body, e.g. the full text fetched for a feed summary. */
  public RawArticle withBody(String newBody) {
    return new RawArticle(url, canonicalUrl, title, newBody, publishedAt, langHint, source, sourceType, attributes);
  }

  /** A copy with another canonical URL. */
  public RawArticle withCanonicalUrl(String newCanonicalUrl) {
    return new RawArticle(url, newCanonicalUrl, title, body, publishedAt, langHint, source, sourceType, attributes);
  }
}
