package io.newswatch.sink.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionFilterTest {

  private final Alert alert = Fixtures.alert("a1"); // energy, HIGH, en, "OPEC cuts output a1"
  private final Subscription all = Fixtures.subscription("s1", Channel.LIVE, "");

  @Test
  void shouldMatchWhenSubscriptionHasNoRestrictions() {
    assertThat(SubscriptionFilter.matches(all, alert)).isTrue();
  }

  @Test
  void shouldNotMatchWhenDisabled() {
    assertThat(SubscriptionFilter.matches(with(all).setEnabled(false).build(), alert)).isFalse();
  }

  @Test
  void shouldSkipAlertsRaisedBeforeTheSubscriptionWhenItHasACreationTime() {
    Instant raised = alert.getCreatedAt();
    assertThat(SubscriptionFilter.matches(with(all).setCreatedAt(raised.plusSeconds(1)).build(), alert)).isFalse();
    assertThat(SubscriptionFilter.matches(with(all).setCreatedAt(raised).build(), alert)).isTrue();
    assertThat(SubscriptionFilter.matches(with(all).setCreatedAt(raised.minusSeconds(1)).build(), alert)).isTrue();
    assertThat(SubscriptionFilter.matches(with(all).setCreatedAt(null).build(), alert))
        .as("written before subscriptions had a creation time: everything, as before").isTrue();
  }

  @Test
  void shouldDeliverOlderAlertsWhenTheSubscriptionAsksForABackfill() {
    Instant raised = alert.getCreatedAt();
    Subscription late = with(all).setCreatedAt(raised.plusSeconds(3600)).build();
    assertThat(SubscriptionFilter.matches(with(late).setBackfillFrom(raised.minusSeconds(60)).build(), alert)).isTrue();
    assertThat(SubscriptionFilter.matches(with(late).setBackfillFrom(raised.plusSeconds(60)).build(), alert)).isFalse();
  }

  @Test
  void shouldMatchOnlyListedTopicsWhenTopicsAreGiven() {
    assertThat(SubscriptionFilter.matches(with(all).setTopics(List.of("health", "energy")).build(), alert)).isTrue();
    assertThat(SubscriptionFilter.matches(with(all).setTopics(List.of("health")).build(), alert)).isFalse();
  }

  @Test
  void shouldRespectSeverityOrderWhenMinSeverityIsSet() {
    assertThat(SubscriptionFilter.matches(with(all).setMinSeverity(Severity.HIGH).build(), alert)).isTrue();
    assertThat(SubscriptionFilter.matches(with(all).setMinSeverity(Severity.CRITICAL).build(), alert)).isFalse();
    Alert unknown = Alert.newBuilder(alert).setSeverity(Severity.UNKNOWN).build();
    assertThat(SubscriptionFilter.matches(all, unknown)).isFalse();
  }

  @Test
  void shouldMatchRegionalVariantWhenLanguageIsListed() {
    Alert british = Alert.newBuilder(alert).setLang("en-GB").build();
    assertThat(SubscriptionFilter.matches(with(all).setLanguages(List.of("EN")).build(), british)).isTrue();
    assertThat(SubscriptionFilter.matches(with(all).setLanguages(List.of("de")).build(), british)).isFalse();
  }

  @Test
  void shouldTrustEnrichsMatchesWhenTheAlertCarriesThem() {
    // Enrich saw the whole article: its verdict wins over what the summary happens to say.
    Alert evaluated = Alert.newBuilder(alert).setMatchedQueries(List.of("s1", "other")).build();
    assertThat(SubscriptionFilter.matches(with(all).setQuery("words the summary lacks").build(), evaluated)).isTrue();
    Alert noneMatched = Alert.newBuilder(alert).setMatchedQueries(List.of()).build();
    assertThat(SubscriptionFilter.matches(with(all).setQuery("opec").build(), noneMatched)).isFalse();
    assertThat(SubscriptionFilter.matches(all, noneMatched)).as("no query: the list does not matter").isTrue();
  }

  @Test
  void shouldNotGuessAQueryFromTitleAndSummaryWhenEnrichDidNotEvaluateIt() {
    // "opec" is in the title and "cartel" in the summary, but only enrich, which has the article,
    // decides a query; the old all-words check of the sink read "OR" and "(" as required words.
    assertThat(SubscriptionFilter.matches(with(all).setQuery("opec cartel").build(), alert)).isFalse();
    assertThat(SubscriptionFilter.matches(with(all).setQuery("opec cartel").build(),
        Alert.newBuilder(alert).setMatchedQueries(List.of(all.getId())).build())).isTrue();
  }

  @Test
  void shouldDeliverStoryUpdatesOnlyWhenTheSubscriptionAsksForThem() {
    Subscription all = with(this.all).setChannel(Channel.FILE).setTarget("alerts").build();
    Alert update = Alert.newBuilder(alert).setKind(AlertKind.UPDATE).setStoryId("a1").setStoryVersion(2).build();
    assertThat(all.getUpdates()).as("new stories only by default").isFalse();
    assertThat(SubscriptionFilter.matches(all, update)).isFalse();
    assertThat(SubscriptionFilter.matches(with(all).setUpdates(true).build(), update)).isTrue();
    assertThat(SubscriptionFilter.matches(all, alert)).as("the story's first alert goes to everyone").isTrue();
    Alert escalated = Alert.newBuilder(alert).setKind(AlertKind.TOPIC).setStoryId("a1").setStoryVersion(3).build();
    assertThat(SubscriptionFilter.matches(all, escalated)).as("an escalation is a new alert, not an update").isTrue();
  }

  @Test
  void shouldGiveTheLivePageEveryUpdateWhenItsSubscriptionDidNotAskForThem() {
    Alert update = Alert.newBuilder(alert).setKind(AlertKind.UPDATE).setStoryId("a1").setStoryVersion(2).build();
    Subscription page = all;
    assertThat(page.getChannel()).isEqualTo(Channel.LIVE);
    assertThat(page.getUpdates()).isFalse();
    assertThat(SubscriptionFilter.matches(page, update)).as("an update changes the story's card").isTrue();
  }

  private static Subscription.Builder with(Subscription s) {
    return Subscription.newBuilder(s);
  }
}
