package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.ingest.TestServer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FeedParserTest {

  private final FeedParser parser = new FeedParser();

  @Test
  void shouldReadItemsWhenFeedIsRss() throws FeedParseException {
    ParsedFeed feed = parser.parse(TestServer.resource("/feeds/rss-two-items.xml"), "application/rss+xml", 100, Map.of());

    assertThat(feed.title()).isEqualTo("Peninsula Wire");
    assertThat(feed.items()).hasSize(2);
    FeedItem first = feed.items().getFirst();
    assertThat(first.guid()).isEqualTo("wire-1");
    assertThat(first.article().title()).isEqualTo("South Korea proposes military talks with the North");
    assertThat(first.article().body()).contains("proposed military talks").doesNotContain("<p>");
    assertThat(first.article().publishedAt()).isNotNull();
  }

  @Test
  void shouldReadContentWhenFeedIsAtom() throws FeedParseException {
    ParsedFeed feed = parser.parse(TestServer.resource("/feeds/atom.xml"), "application/atom+xml", 100, Map.of());

    assertThat(feed.items()).singleElement().satisfies(item -> {
      assertThat(item.hasFullContent()).isTrue();
      assertThat(item.link()).isEqualTo("http://example.test/atom/1");
      assertThat(item.article().body()).startsWith("The foreign minister met");
    });
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void shouldRefuseExternalEntitiesWhenFeedCarriesXxe() {
    assertThatThrownBy(() -> parser.parse(TestServer.resource("/feeds/xxe.xml"), "application/rss+xml", 100, Map.of()))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("DOCTYPE")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root:"));
  }

  @Test
  void shouldReadAFeedWhosePrologIsLongInAThreadWithASmallStack() throws Exception {
    // Poll threads are virtual, with small stacks: a regular expression over the prolog recursed once
    // per character and overflowed on a few thousand blank lines or comments.
    String rss = new String(TestServer.resource("/feeds/rss091-doctype.xml"), java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = rss.indexOf("<!DOCTYPE");
    String padded = rss.substring(0, at) + "\n".repeat(200_000) + "<!-- generated -->\n".repeat(5_000) + rss.substring(at);
    String html = "<!-- cached -->\n".repeat(20_000) + "<html><body>not a feed</body></html>";
    var parsed = new java.util.concurrent.atomic.AtomicReference<Object>();
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        int items = parser.parse(padded.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "application/rss+xml",
            100, Map.of()).items().size();
        String refused;
        try {
          parser.parse(html.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, 100, Map.of());
          refused = "parsed";
        } catch (FeedParseException e) {
          refused = e.getMessage();
        }
        parsed.set(items + " " + refused);
      } catch (Throwable e) {
        parsed.set(e);
      }
    });
    t.join();
    assertThat(parsed.get()).isEqualTo("1 not a feed: the server sent an HTML page");
  }

  @Test
  void shouldReadAnRss091FeedThatNamesNetscapesDtd() throws Exception {
    // A DOCTYPE with no internal subset declares no entity; it is never loaded either.
    ParsedFeed feed = parser.parse(TestServer.resource("/feeds/rss091-doctype.xml"), "application/rss+xml", 100, Map.of());
    assertThat(feed.items()).extracting(i -> i.article().title()).containsExactly("Soldiers cross the line near Cheorwon");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void shouldFailFastWhenFeedIsABillionLaughsBomb() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> parser.parse(TestServer.resource("/feeds/billion-laughs.xml"), null, 100, Map.of()))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("DOCTYPE");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void shouldFailWhenXmlIsInvalid() {
    assertThatThrownBy(() -> parser.parse(TestServer.resource("/feeds/invalid.xml"), null, 100, Map.of()))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("not a valid RSS/Atom feed");
  }

  @Test
  void shouldFailWhenServerSendsHtmlPageAsFeed() {
    assertThatThrownBy(() -> parser.parse(TestServer.resource("/feeds/page.html"), "text/html", 100, Map.of()))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("HTML");
  }

  @Test
  void shouldReturnNoItemsWhenFeedIsEmpty() throws FeedParseException {
    assertThat(parser.parse(TestServer.resource("/feeds/empty-rss.xml"), null, 100, Map.of()).items()).isEmpty();
  }

  @Test
  void shouldDecodeArabicWhenFeedIsWindows1256WithoutDeclaration() throws FeedParseException {
    String utf8 = new String(TestServer.resource("/feeds/arabic-rss-undeclared.xml"), StandardCharsets.UTF_8);
    byte[] cp1256 = utf8.getBytes(Charset.forName("windows-1256"));

    ParsedFeed feed = parser.parse(cp1256, "application/rss+xml", 100, Map.of());

    assertThat(feed.title()).isEqualTo("وكالة الأنباء");
    assertThat(feed.items().getFirst().article().title()).isEqualTo("كوريا الجنوبية تقترح محادثات عسكرية مع الشمال");
  }

  @Test
  void shouldDecodeArabicWhenFeedIsIso88596WithoutDeclaration() throws FeedParseException {
    String utf8 = new String(TestServer.resource("/feeds/arabic-rss-undeclared.xml"), StandardCharsets.UTF_8);
    byte[] iso = utf8.getBytes(Charset.forName("ISO-8859-6"));

    ParsedFeed feed = parser.parse(iso, null, 100, Map.of());

    assertThat(feed.items().getFirst().article().title()).isEqualTo("كوريا الجنوبية تقترح محادثات عسكرية مع الشمال");
  }

  @Test
  void shouldStopAtMaxItemsWhenFeedIsLonger() throws FeedParseException {
    assertThat(parser.parse(TestServer.resource("/feeds/rss-three-items.xml"), null, 2, Map.of()).items()).hasSize(2);
  }
}
