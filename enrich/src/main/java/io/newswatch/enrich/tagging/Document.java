package io.newswatch.enrich.tagging;

import io.newswatch.schemas.avro.Article;
import java.util.Objects;

/**
 * The text the tagger reads: an article id, title, body and declared language ({@code ar}, {@code
 * en} or {@code und}, in which case the script decides).
 */
public record Document(String id, String title, String body, String lang) {
  public Document {
    Objects.requireNonNull(id, "id must not be null; use the article id or a content hash");
    title = title == null ? "" : title;
    body = body == null ? "" : body;
    lang = lang == null || lang.isBlank() ? "und" : lang;
  }

  /**
   * The document of an ingested article. The live pipeline and the offline commands ({@code tag},
   * {@code eval}) both go through here, so they tag the same text in the same language.
   */
  public static Document of(String id, Article article) {
    return new Document(id, article.getTitle(), article.getBody(), article.getLang());
  }
}
