package io.newswatch.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlCanonicalizerTest {

  private final UrlCanonicalizer urls = new UrlCanonicalizer();

  @Test
  void shouldDropTrackingFragmentAndDefaultPortWhenCanonicalizing() {
    assertThat(urls.canonicalize("HTTPS://News.Example.COM:443/a/../story?utm_source=x&b=2&fbclid=y&a=1&gclid=z&mc_cid=q#comments"))
        .hasValue("https://news.example.com/story?a=1&b=2");
  }

  @Test
  void shouldGiveOneFormWhenLinksDifferOnlyInTracking() {
    assertThat(urls.canonicalize("http://example.com?utm_medium=rss")).hasValue("http://example.com/");
    assertThat(urls.canonicalize("http://example.com:8080/x?b=1&a=2")).hasValue("http://example.com:8080/x?a=2&b=1");
  }

  @Test
  void shouldRejectWhenUrlIsNotHttp() {
    assertThat(urls.canonicalize("ftp://example.com/file")).isEmpty();
    assertThat(urls.canonicalize("not a url at all")).isEmpty();
    assertThat(urls.canonicalize("/relative/path")).isEmpty();
    assertThat(urls.canonicalize("  ")).isEmpty();
  }

  @Test
  void shouldDeriveStableIdsWhenHashing() {
    String id = ArticleIds.fromUrl("https://news.example.com/story");
    assertThat(id).startsWith("u-").hasSize(34).isEqualTo(ArticleIds.fromUrl("https://news.example.com/story"));
    assertThat(ArticleIds.fromContent("body")).startsWith("c-").isNotEqualTo(ArticleIds.fromContent("body."));
    assertThat(ArticleIds.contentHash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
