package io.newswatch.sink.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionRegistryTest {

  private final SubscriptionRegistry registry = new SubscriptionRegistry();

  @Test
  void shouldReturnMatchingSubscriptionsSortedWhenAlertArrives() {
    registry.upsert(Fixtures.subscription("b-all", Channel.LIVE, ""));
    registry.upsert(Fixtures.subscription("a-all", Channel.FILE, "/tmp/a"));
    registry.upsert(Subscription.newBuilder(Fixtures.subscription("c-health", Channel.LIVE, ""))
        .setTopics(List.of("health")).build());

    assertThat(registry.matching(Fixtures.alert("x")))
        .extracting(Subscription::getId).containsExactly("a-all", "b-all");
  }

  @Test
  void shouldDeleteWhenCompactedTopicDeliversTombstone() {
    registry.apply("s1", Fixtures.subscription("s1", Channel.LIVE, ""));
    registry.apply("s1", null);

    assertThat(registry.get("s1")).isEmpty();
    assertThat(registry.size()).isZero();
  }

  @Test
  void shouldReplaceWhenSameIdIsUpserted() {
    registry.upsert(Fixtures.subscription("s1", Channel.FILE, "/tmp/one"));
    registry.upsert(Fixtures.subscription("s1", Channel.FILE, "/tmp/two"));

    assertThat(registry.all()).extracting(Subscription::getTarget).containsExactly("/tmp/two");
  }

  @Test
  void shouldRejectAndStayUnchangedWhenSubscriptionIsInvalid() {
    Subscription noSecret = Subscription.newBuilder(Fixtures.subscription("hook", Channel.WEBHOOK, "https://h.example/x"))
        .setSecretRef(null).build();

    assertThatThrownBy(() -> registry.upsert(noSecret))
        .isInstanceOf(InvalidSubscriptionException.class)
        .hasMessageContaining("secretRef");
    assertThat(registry.size()).isZero();
  }

  @Test
  void shouldRejectWhenRecordKeyDiffersFromId() {
    assertThatThrownBy(() -> registry.apply("other", Fixtures.subscription("s1", Channel.LIVE, "")))
        .isInstanceOf(InvalidSubscriptionException.class)
        .hasMessageContaining("record key 'other'");
  }
}
