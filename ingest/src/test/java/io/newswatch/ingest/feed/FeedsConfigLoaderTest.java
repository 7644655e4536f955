package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.ingest.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedsConfigLoaderTest {

  private final FeedsConfigLoader loader = new FeedsConfigLoader();

  private List<FeedConfig> load(String name) throws IOException {
    return loader.load(new String(TestServer.resource("/feeds-config/" + name), StandardCharsets.UTF_8), name);
  }

  @Test
  void shouldApplyDefaultsAndOverridesWhenFileIsValid() throws IOException {
    List<FeedConfig> feeds = load("feeds.yaml");

    assertThat(feeds).hasSize(2);
    FeedConfig first = feeds.get(0);
    assertThat(first.interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(first.identity()).isEqualTo(IdentityPolicy.GUID);
    assertThat(first.limits().maxBodyBytes()).isEqualTo(2_097_152);
    assertThat(first.limits().readTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(first.fetchFullText()).as("a short summary makes the poller fetch the page unless told not to").isTrue();
    assertThat(first.limits().pollTimeout()).isEqualTo(Duration.ofMinutes(2));
    FeedConfig second = feeds.get(1);
    assertThat(second.identity()).isEqualTo(IdentityPolicy.CONTENT_HASH);
    assertThat(second.interval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(second.fetchFullText()).isFalse();
    assertThat(second.limits().pollTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(second.limits().maxItems()).isEqualTo(50);
    assertThat(second.limits().seenHorizon()).isEqualTo(Duration.ofDays(7));
    assertThat(second.limits().maxBodyBytes()).isEqualTo(2_097_152);
  }

  @Test
  void shouldNameTheKeyWhenFileHasATypo() {
    assertThatThrownBy(() -> load("typo.yaml")).hasMessageContaining("unknown key 'intervall'").hasMessageContaining("feeds[0]");
  }

  @Test
  void shouldExplainWhenIdOrUrlIsInvalid() {
    assertThatThrownBy(() -> load("bad-values.yaml")).hasMessageContaining("feed id 'Peninsula Wire'");
  }

  @Test
  void shouldRejectWhenIdsRepeat() {
    assertThatThrownBy(() -> load("duplicate.yaml")).hasMessageContaining("duplicate feed id 'wire'");
  }

  @Test
  void shouldSuggestAFormatWhenDurationIsUnreadable() {
    assertThatThrownBy(() -> load("bad-duration.yaml")).hasMessageContaining("write 30s, 15m");
  }

  @Test
  void shouldRejectNonHttpUrlWhenConfigIsBuiltInCode() {
    assertThatThrownBy(() -> FeedConfig.of("wire", "ftp://example.test/rss"))
        .hasMessageContaining("must be an absolute http:// or https:// URL");
  }
}
