package io.newswatch.sink.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.Subscription;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionSeedLoaderTest {

  @Test
  void shouldLoadEveryFieldWhenSeedIsValid() throws Exception {
    List<Subscription> subs = SubscriptionSeedLoader.load(resource("valid.yaml"));

    assertThat(subs).hasSize(2);
    Subscription energy = subs.get(0);
    assertThat(energy.getId()).isEqualTo("energy-desk");
    assertThat(energy.getChannel()).isEqualTo(Channel.FILE);
    assertThat(energy.getTopics()).containsExactly("energy");
    assertThat(energy.getMinSeverity()).isEqualTo(Severity.MEDIUM);
    assertThat(energy.getLanguages()).containsExactly("en", "de");
    assertThat(energy.getQuery()).isEqualTo("opec \"oil price\"");
    assertThat(energy.getEnabled()).isTrue();
    assertThat(energy.getBackfillFrom()).isEqualTo(Instant.parse("2025-11-17T08:00:00Z"));
    assertThat(energy.getCreatedAt()).as("set when seeded, not by the file").isNull();
    Subscription hook = subs.get(1);
    assertThat(hook.getEnabled()).isFalse();
    assertThat(hook.getSecretRef()).isEqualTo("HEALTH_HOOK_SECRET");
    assertThat(hook.getSettings()).isEqualTo(Map.of("team", "health"));
    assertThat(hook.getMinSeverity()).isEqualTo(Severity.LOW);
    assertThat(hook.getBackfillFrom()).isNull();
  }

  @Test
  void shouldNameEachBadFieldWhenSeedIsInvalid() throws Exception {
    Path file = resource("invalid.yaml");

    assertThatThrownBy(() -> SubscriptionSeedLoader.load(file))
        .isInstanceOfSatisfying(InvalidSubscriptionException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).contains("subscriptions[0].id").contains("bad:id"))
            .anySatisfy(p -> assertThat(p).contains("subscriptions[1].target").contains("http(s) URL"))
            .anySatisfy(p -> assertThat(p).contains("subscriptions[1].secretRef"))
            .anySatisfy(p -> assertThat(p).contains("subscriptions[2].minSeverity").contains("HUGE"))
            .anySatisfy(p -> assertThat(p).contains("subscriptions[2].topcs").contains("unknown field"))
            .anySatisfy(p -> assertThat(p).contains("subscriptions[2].backfillFrom").contains("last tuesday"))
            .anySatisfy(p -> assertThat(p).contains("subscriptions[3].query").contains("quote is never closed"))
            .anySatisfy(p -> assertThat(p).contains("subscriptions[4].id").contains("used twice"))
            .anySatisfy(p -> assertThat(p).contains("subscriptions[4].target").contains("JDBC URL"))
            .allSatisfy(p -> assertThat(p).startsWith(file.toString())));
  }

  @Test
  void shouldExplainExpectedShapeWhenListIsMissing() {
    assertThatThrownBy(() -> SubscriptionSeedLoader.parse("subs: []", "inline"))
        .isInstanceOf(InvalidSubscriptionException.class)
        .hasMessageContaining("top-level 'subscriptions:' list");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(SubscriptionSeedLoaderTest.class.getResource("/subscriptions/" + name).toURI());
  }
}
