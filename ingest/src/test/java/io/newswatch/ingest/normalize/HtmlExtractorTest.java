package io.newswatch.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.ingest.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HtmlExtractorTest {

  private final HtmlExtractor extractor = new HtmlExtractor();

  @Test
  void shouldExtractMainTextAndMetadataWhenPageHasFurniture() {
    ExtractedPage page = extractor.extract(
        new String(TestServer.resource("/html/article.html"), StandardCharsets.UTF_8), "https://example.test/x");

    assertThat(page.title()).isEqualTo("Talks proposed at the border");
    assertThat(page.publishedAt()).isEqualTo(Instant.parse("2025-11-16T23:00:00Z"));
    assertThat(page.canonicalUrl()).startsWith("https://Example.TEST:443/news/talks");
    assertThat(page.lang()).isEqualTo("en");
    assertThat(page.text())
        .contains("proposed military talks", "first formal offer", "quick answer")
        .doesNotContain("Share on Facebook", "Home", "Related:", "Most read", "Copyright", "tracking", "Soldiers stand guard");
  }

  @Test
  void shouldPickTheDensestBlockWhenPageHasNoArticleElement() {
    String html = """
        <html><body>
        <div id="top"><a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a></div>
        <div class="story"><p>The first paragraph of a long story that tells what happened at the border on Monday morning.</p>
        <p>The second paragraph adds what the ministry said in its statement, and what the other side answered.</p></div>
        <div class="more"><p><a href="/c">Another story</a></p><p><a href="/d">Yet another story</a></p></div>
        </body></html>
        """;

    ExtractedPage page = extractor.extract(html, "");

    assertThat(page.text()).contains("first paragraph", "second paragraph").doesNotContain("Another story", "Home");
  }
}
