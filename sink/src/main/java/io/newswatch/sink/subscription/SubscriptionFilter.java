package io.newswatch.sink.subscription;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import java.util.List;
import java.util.Locale;

/** Decides whether an alert is for a subscription: enabled, topic, severity, language and query. */
public final class SubscriptionFilter {

  private SubscriptionFilter() {
  }

  /** True if the subscription wants this alert. */
  public static boolean matches(Subscription subscription, Alert alert) {
    return subscription.getEnabled()
        && topicMatches(subscription.getTopics(), alert.getTopic())
        && alert.getSeverity().ordinal() >= subscription.getMinSeverity().ordinal()
        && languageMatches(subscription.getLanguages(), alert.getLang())
        && queryMatches(subscription.getQuery(), alert);
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

  private static boolean queryMatches(String query, Alert alert) {
    if (query == null || query.isBlank()) {
      return true;
    }
    return TextQuery.parse(query).matches(alert.getTitle() + "\n" + alert.getSummary());
  }
}
