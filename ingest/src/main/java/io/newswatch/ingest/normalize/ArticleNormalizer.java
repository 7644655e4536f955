package io.newswatch.ingest.normalize;

import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import java.net.URI;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link RawArticle} into an Avro {@link Article}: NFC text, debris removed, language
 * identified, canonical URL, stable id and content hash.
 */
public final class ArticleNormalizer {

  private static final Logger LOG = LoggerFactory.getLogger(ArticleNormalizer.class);

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
   * @throws InvalidArticleException when no body text is left (the reason says whether the input was empty,
   *     partial, too short or all debris) or the body is too long
   */
  public Article normalize(RawArticle raw, Instant fetchedAt) throws InvalidArticleException {
    String text = nfc(raw.body());
    String body = body(raw, text);
    if (body.isEmpty()) {
      throw new InvalidArticleException(raw.sourceType() == SourceType.FEED
          ? "feed item has neither a title nor any text" : cleaner.whyNothingLeft(text));
    }
    if (body.length() > MAX_BODY_CHARS) {
      throw new InvalidArticleException(
          "body has " + body.length() + " characters, more than the " + MAX_BODY_CHARS + " an article may have");
    }
    String title = oneLine(nfc(raw.title()));
    if (title.length() > MAX_TITLE_CHARS) {
      // Not between the two halves of a character outside the BMP (an emoji), which would leave one.
      int cut = Character.isHighSurrogate(title.charAt(MAX_TITLE_CHARS - 1)) ? MAX_TITLE_CHARS - 1 : MAX_TITLE_CHARS;
      title = title.substring(0, cut);
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
        .setAttributes(attributes(raw))
        .build();
  }

  private String body(RawArticle raw, String text) {
    String body = raw.bodyIsArticleText() ? cleaner.plain(text) : cleaner.clean(text, raw.title());
    if (body.isEmpty() && raw.sourceType() == SourceType.FEED) {
      // A feed item's title and text are the publisher's article, however short: the debris filter judges
      // page furniture and must not empty them. An item with no text at all is its headline.
      body = cleaner.plain(text);
      if (body.isEmpty()) {
        body = oneLine(nfc(raw.title()));
      }
    }
    return body;
  }

  private static Map<String, String> attributes(RawArticle raw) {
    Map<String, String> out = new HashMap<>();
    raw.attributes().forEach((k, v) -> out.put(wellFormed(k), wellFormed(v)));
    return out;
  }

  private static String sourceOf(RawArticle raw, Optional<String> canonical) {
    if (raw.source() != null && !raw.source().isBlank()) {
      return oneLine(wellFormed(raw.source()));
    }
    return canonical.map(u -> URI.create(u).getHost()).orElse("");
  }

  /** NFC; most text already is, and the check costs less than normalizing, which copies. */
  private static String nfc(String text) {
    if (text == null) {
      return "";
    }
    String whole = wellFormed(text);
    return Normalizer.isNormalized(whole, Normalizer.Form.NFC) ? whole : Normalizer.normalize(whole, Normalizer.Form.NFC);
  }

  /**
   * The text with each unpaired UTF-16 surrogate (a JSON {@code "\ud800"} escape, a pushed body's
   * CESU-8 bytes) replaced by U+FFFD, as malformed bytes are when a file is decoded. UTF-8 cannot
   * carry a lone surrogate: Avro's encoder would write '?' in its place, a change no one would see.
   */
  static String wellFormed(String text) {
    int first = firstUnpaired(text, 0);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    int replaced = 0;
    for (int at = first; at >= 0; at = firstUnpaired(text, from)) {
      out.append(text, from, at).append('\uFFFD');
      from = at + 1;
      replaced++;
    }
    out.append(text, from, text.length());
    LOG.warn("{} unpaired UTF-16 surrogate(s) in an article's text replaced with U+FFFD", replaced);
    return out.toString();
  }

  private static int firstUnpaired(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String oneLine(String text) {
    return WHITESPACE.matcher(text).replaceAll(" ").strip();
  }
}
