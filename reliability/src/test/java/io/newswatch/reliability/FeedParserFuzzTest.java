package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.ingest.feed.FeedItem;
import io.newswatch.ingest.feed.FeedParseException;
import io.newswatch.ingest.feed.FeedParser;
import io.newswatch.ingest.feed.ParsedFeed;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The feed parser on hostile documents: it parses or says why not, never crashes, hangs or balloons. */
class FeedParserFuzzTest {
  private static final int MAX_ITEMS = 50;
  private final FeedParser parser = new FeedParser();

  @Property
  void shouldParseOrRejectWithAFeedParseExceptionWhenTheBytesAreHostile(@ForAll("feeds") byte[] body,
      @ForAll("contentTypes") String contentType) {
    ParsedFeed feed = FuzzInputs.withinTime(() -> {
      try {
        return parser.parse(body, contentType, MAX_ITEMS, Map.of("feed.id", "fuzz"));
      } catch (FeedParseException e) {
        assertThat(e.getMessage()).as("a rejection says why").isNotBlank();
        return null;
      }
    });
    if (feed != null) {
      assertThat(feed.items()).hasSizeLessThanOrEqualTo(MAX_ITEMS);
      for (FeedItem item : feed.items()) {
        // No entity expansion: nothing in an item can be longer than the document it came from.
        assertThat(item.article().body().length()).isLessThanOrEqualTo(body.length);
        assertThat(item.article().title().length()).isLessThanOrEqualTo(body.length);
        assertThat(item.article().attributes()).containsEntry("feed.id", "fuzz");
      }
    }
  }

  @Provide
  Arbitrary<byte[]> feeds() {
    return Arbitraries.oneOf(
        FuzzInputs.encoded(FuzzInputs.documents(FuzzInputs.fragments("/fuzz/feed-tokens.txt"), 80)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(2048));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("application/rss+xml", "application/atom+xml; charset=utf-8", "text/xml; charset=windows-1256",
        "text/html", "application/xml; charset=\"no-such-charset\"", "text/xml; charset=", "", "charset=utf-16")
        .injectNull(0.2);
  }
}
