package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.ingest.normalize.ExtractedPage;
import io.newswatch.ingest.normalize.HtmlExtractor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** HTML extraction on broken and hostile pages: always a page, in bounded time and size. */
class HtmlExtractorFuzzTest {
  private final HtmlExtractor extractor = new HtmlExtractor();

  @Property
  void shouldExtractABoundedPageWhenTheHtmlIsBroken(@ForAll("pages") String html, @ForAll("baseUris") String base) {
    ExtractedPage page = FuzzInputs.withinTime(() -> extractor.extract(html, base));
    assertThat(page).isNotNull();
    assertThat(page.text()).isNotNull();
    assertThat(page.title()).isNotNull();
    // Block boundaries add line breaks, entities only shrink: never more than twice the input.
    assertThat(page.text().length()).isLessThanOrEqualTo(2 * html.length() + 2);
    assertThat(page.title().length()).isLessThanOrEqualTo(html.length());
  }

  @Property
  void shouldReturnFragmentTextWhenAFeedItemCarriesBrokenHtml(@ForAll("pages") String fragment) {
    String text = FuzzInputs.withinTime(() -> extractor.fragmentText(fragment));
    assertThat(text).isNotNull().doesNotStartWith(" ").doesNotEndWith(" ");
    assertThat(text.length()).isLessThanOrEqualTo(2 * fragment.length() + 2);
  }

  @Provide
  Arbitrary<String> pages() {
    return FuzzInputs.documents(FuzzInputs.fragments("/fuzz/html-tokens.txt"), 120).injectNull(0.0);
  }

  @Provide
  Arbitrary<String> baseUris() {
    return Arbitraries.of("https://news.example/a/b.html", "", "not a uri", "https://[::1]:99999/", "file:///etc/")
        .injectNull(0.2);
  }
}
