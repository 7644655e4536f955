package io.newswatch.schemas.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionQueryTest {

  private static Subscription subscription(String query) {
    return Subscription.newBuilder().setId("desk").setChannel(Channel.LIVE).setQuery(query).build();
  }

  private static Alert alert(AlertKind kind, List<String> matched) {
    return Alert.newBuilder().setAlertId("a").setKind(kind).setTopic("dmz").setTitle("Kursk and troops")
        .setSummary("Kursk OR troops").setCreatedAt(Instant.EPOCH).setMatchedQueries(matched).build();
  }

  @Test
  void shouldDeliverEverythingWhenTheSubscriptionHasNoQuery() {
    assertThat(SubscriptionQuery.delivers(subscription(null), alert(AlertKind.SURGE, null))).isTrue();
    assertThat(SubscriptionQuery.delivers(subscription("  "), alert(AlertKind.TOPIC, List.of()))).isTrue();
  }

  @Test
  void shouldDeliverOnlyWhatEnrichMatchedWhenTheSubscriptionHasAQuery() {
    Subscription desk = subscription("Kursk OR (troops AND NOT tourism)");
    assertThat(SubscriptionQuery.delivers(desk, alert(AlertKind.TOPIC, List.of("desk")))).isTrue();
    assertThat(SubscriptionQuery.delivers(desk, alert(AlertKind.TOPIC, List.of("other")))).isFalse();
  }

  @Test
  void shouldNeverGuessAQueryFromASummaryWhenEnrichDidNotEvaluateIt() {
    // The summary holds the query's words, but a surge is no article: the query does not apply.
    Subscription desk = subscription("Kursk OR troops");
    assertThat(SubscriptionQuery.delivers(desk, alert(AlertKind.SURGE, null))).isFalse();
    assertThat(SubscriptionQuery.delivers(desk, alert(AlertKind.SURGE, List.of()))).isFalse();
  }

  @Test
  void shouldNameTheProblemWhenAQueryDoesNotParse() {
    assertThat(SubscriptionQuery.problem(subscription("(a OR"))).contains("missing at the end");
    assertThat(SubscriptionQuery.problem(subscription("Kursk OR كورسك OR (\"North Korean\" AND casualties)"))).isNull();
    assertThat(SubscriptionQuery.problem(subscription(null))).isNull();
  }
}
