package io.newswatch.sink.subscription;

import io.newswatch.schemas.query.SubscriptionQuery;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether an alert is for a subscription: enabled, story updates, time, topic, severity, language
 * and query.
 */
public final class SubscriptionFilter {

  private SubscriptionFilter() {
  }

  /** True if the subscription wants this alert. */
  public static boolean matches(Subscription subscription, Alert alert) {
    return subscription.getEnabled()
        && updatesWanted(subscription, alert)
        && raisedInTime(subscription, alert)
        && topicMatches(subscription.getTopics(), alert.getTopic())
        && alert.getSeverity().ordinal() >= subscription.getMinSeverity().ordinal()
        && languageMatches(subscription.getLanguages(), alert.getLang())
        && SubscriptionQuery.delivers(subscription, alert);
  }

  /**
   * An UPDATE only says that more outlets or languages reported a story the subscriber already has; a desk
   * that asked for new stories only (the default) would read it as noise, so only {@code updates=true}
   * gets it. A severity escalation comes as a new TOPIC alert, so every subscriber still sees it. The
   * live page is a story view: an update changes its story's card (outlets, languages, last seen) and
   * adds no card, so LIVE subscriptions always take them.
   */
  static boolean updatesWanted(Subscription subscription, Alert alert) {
    return alert.getKind() != AlertKind.UPDATE || subscription.getUpdates()
        || subscription.getChannel() == io.newswatch.schemas.avro.Channel.LIVE;
  }

  /**
   * A subscription receives the alerts raised since it was created, or since its backfill start when it
   * asked for one. A replay re-raises old alerts with their old ids and times: a subscriber that already
   * had them skips them by id, and one created after them must not get them as news. A subscription
   * without a creation time (written before the field existed) receives everything, as it always did.
   */
  static boolean raisedInTime(Subscription subscription, Alert alert) {
    Instant from = subscription.getBackfillFrom() != null ? subscription.getBackfillFrom() : subscription.getCreatedAt();
    return from == null || !alert.getCreatedAt().isBefore(from);
  }

  private static boolean topicMatches(List<String> topics, String topic) {
    return topics.isEmpty() || topics.contains(topic);
  }

  /** "en" also matches "en-GB": a subscriber asking for a language wants its regional variants. */
  private static boolean languageMatches(List<String> languages, String lang) {
    if (languages.isEmpty()) {
      return true;
    }
    String alertLang = lang == null ? "" : lang.toLowerCase(Locale.ROOT).replace('_', '-');
    for (String wanted : languages) {
      String w = wanted.toLowerCase(Locale.ROOT).replace('_', '-');
      if (alertLang.equals(w) || alertLang.startsWith(w + "-")) {
        return true;
      }
    }
    return false;
  }
}
