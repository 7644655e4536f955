package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.CharsetResolver;
import io.newswatch.ingest.normalize.DecodedText;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.ingest.normalize.TextCleaner;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Text normalization on arbitrary input: charset decoding, debris cleaning and the article builder. */
class NormalizationFuzzTest {
  private static final Instant FETCHED = Instant.parse("2025-11-17T08:00:00Z");
  private static final java.util.regex.Pattern INVISIBLE =
      java.util.regex.Pattern.compile("[\\s\\p{Cc}\\p{Z}\\u200B\\uFEFF]");
  private final CharsetResolver charsets = new CharsetResolver();
  private final TextCleaner cleaner = new TextCleaner();
  private final ArticleNormalizer normalizer = new ArticleNormalizer();

  @Property
  void shouldDecodeAnyBytesWhenTheDeclaredCharsetIsWrongOrMissing(@ForAll("bytes") byte[] bytes,
      @ForAll("contentTypes") String contentType, @ForAll CharsetResolver.Kind kind) {
    DecodedText decoded = FuzzInputs.withinTime(() -> charsets.decode(bytes, contentType, kind));
    assertThat(decoded.charset()).isNotNull();
    assertThat(decoded.origin()).isNotBlank();
    // Every charset we may pick spends at least one byte per char, and a bad byte becomes one U+FFFD.
    assertThat(decoded.text().length()).isLessThanOrEqualTo(bytes.length);
  }

  @Property
  void shouldOnlyDropTextWhenCleaningDebris(@ForAll("texts") String text) {
    String cleaned = FuzzInputs.withinTime(() -> cleaner.clean(text));
    assertThat(cleaned).isNotNull();
    // Paragraphs are re-joined with a blank line, so a single line break may become two.
    assertThat(cleaned.length()).isLessThanOrEqualTo(2 * text.length());
    // Cleaning drops lines and collapses spacing; it never invents or reorders visible text.
    assertThat(isSubsequence(visible(cleaned), visible(text))).as("cleaned text is a subsequence of the input")
        .isTrue();
  }

  private static String visible(String s) {
    return INVISIBLE.matcher(s).replaceAll("");
  }

  private static boolean isSubsequence(String part, String whole) {
    int j = 0;
    for (int i = 0; i < part.length(); i++) {
      j = whole.indexOf(part.charAt(i), j);
      if (j < 0) {
        return false;
      }
      j++;
    }
    return true;
  }

  @Property
  void shouldBuildAValidArticleOrRejectItWhenFieldsAreArbitrary(@ForAll("texts") String title,
      @ForAll("texts") String body, @ForAll("urls") String url, @ForAll("urls") String canonical,
      @ForAll("languages") String lang) {
    RawArticle raw = new RawArticle(url, canonical, title, body, null, lang, null, SourceType.HTTP, Map.of("k", "v"));
    Article article = FuzzInputs.withinTime(() -> {
      try {
        return normalizer.normalize(raw, FETCHED);
      } catch (InvalidArticleException e) {
        assertThat(e.getMessage()).isNotBlank();
        return null;
      }
    });
    if (article != null) {
      assertThat(article.getId()).isNotBlank();
      assertThat(article.getBody()).isNotEmpty().hasSizeLessThanOrEqualTo(ArticleNormalizer.MAX_BODY_CHARS);
      assertThat(article.getTitle()).hasSizeLessThanOrEqualTo(1_000).doesNotContain("\n");
      assertThat(Normalizer.isNormalized(article.getBody(), Normalizer.Form.NFC)).as("body is NFC").isTrue();
      assertThat(article.getContentHash()).hasSize(64);
      assertThat(article.getLang()).isNotBlank();
      assertThat(article.getFetchedAt()).isEqualTo(FETCHED);
    }
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(4096),
        FuzzInputs.encoded(FuzzInputs.documents(FuzzInputs.fragments("/fuzz/html-tokens.txt"), 60)));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("text/html; charset=utf-8", "text/html; charset=windows-1256", "text/plain; charset=utf-16",
        "text/html; charset=\"bogus\"", "charset=", "text/html; charset=x-user-defined", "text/html;charset=UTF-32")
        .injectNull(0.3);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        FuzzInputs.documents(FuzzInputs.fragments("/fuzz/html-tokens.txt"), 60),
        Arbitraries.strings().all().ofMaxLength(500),
        // Long dotted and link-like tokens probe the URL and breadcrumb patterns for backtracking.
        Arbitraries.strings().withChars("a.-/>|@:").ofMinLength(1000).ofMaxLength(5000));
  }

  @Provide
  Arbitrary<String> urls() {
    return Arbitraries.oneOf(
        Arbitraries.of("https://news.example/a?utm_source=x&id=1#frag", "HTTP://NEWS.EXAMPLE:80/./a/../b", "mailto:x@y",
            "https://[::1]:99999/x", "https://xn--mgbh0fb.example/ا", "//no-scheme/x", "https://a b/", " "),
        Arbitraries.strings().ofMaxLength(60))
        .injectNull(0.3);
  }

  @Provide
  Arbitrary<String> languages() {
    return Arbitraries.of("ar", "en", "und", "AR-eg", "", "zz-Latn-x-private").injectNull(0.3);
  }
}
