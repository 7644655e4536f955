package io.newswatch.ingest.normalize;

import io.newswatch.schemas.avro.Article;
import java.net.URI;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a {@link RawArticle} into an Avro {@link Article}: NFC text, debris removed, language
 * identified, canonical URL, stable id and content hash.
 */
public final class ArticleNormalizer {

  /** Longer bodies are not news articles (a log file, a book) and are rejected. */
  public static final int MAX_BODY_CHARS = 500_000;
  private static final int MAX_TITLE_CHARS = 1_000;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final TextCleaner cleaner;
  private final LanguageIdentifier languages;
  private final UrlCanonicalizer urls;

  public ArticleNormalizer() {
    this(new TextCleaner(), new LanguageIdentifier(), new UrlCanonicalizer());
  }

  public ArticleNormalizer(TextCleaner cleaner, LanguageIdentifier languages, UrlCanonicalizer urls) {
    this.cleaner = cleaner;
    this.languages = languages;
    this.urls = urls;
  }

  /**
   * Normalizes one article.
   *
   * @throws InvalidArticleException when no body text is left or the body is too long
   */
  public Article normalize(RawArticle raw, Instant fetchedAt) throws InvalidArticleException {
    String body = cleaner.clean(nfc(raw.body()));
    if (body.isEmpty()) {
      throw new InvalidArticleException("no article text left after removing page debris");
    }
    if (body.length() > MAX_BODY_CHARS) {
      throw new InvalidArticleException(
          "body has " + body.length() + " characters, more than the " + MAX_BODY_CHARS + " an article may have");
    }
    String title = oneLine(nfc(raw.title()));
    if (title.length() > MAX_TITLE_CHARS) {
      title = title.substring(0, MAX_TITLE_CHARS);
    }
    String url = raw.url() == null || raw.url().isBlank() ? null : raw.url().strip();
    Optional<String> canonical = urls.canonicalize(raw.canonicalUrl()).or(() -> urls.canonicalize(url));
    String id = canonical.map(ArticleIds::fromUrl).orElseGet(() -> ArticleIds.fromContent(body));
    return Article.newBuilder()
        .setId(id)
        .setUrl(url)
        .setCanonicalUrl(canonical.orElse(null))
        .setSource(sourceOf(raw, canonical))
        .setSourceType(raw.sourceType())
        .setTitle(title)
        .setBody(body)
        .setLang(languages.identify(title + "\n" + body, raw.langHint()))
        .setPublishedAt(raw.publishedAt())
        .setFetchedAt(fetchedAt)
        .setContentHash(ArticleIds.contentHash(body))
        .setAttributes(new HashMap<>(raw.attributes()))
        .build();
  }

  private static String sourceOf(RawArticle raw, Optional<String> canonical) {
    if (raw.source() != null && !raw.source().isBlank()) {
      return oneLine(raw.source());
    }
    return canonical.map(u -> URI.create(u).getHost()).orElse("");
  }

  private static String nfc(String text) {
    return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC);
  }

  private static String oneLine(String text) {
    return WHITESPACE.matcher(text).replaceAll(" ").strip();
  }
}
