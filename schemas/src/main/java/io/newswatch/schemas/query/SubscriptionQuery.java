package io.newswatch.schemas.query;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import java.util.List;

/**
 * The subscription query contract, in one place for enrich, the sink and the command line.
 *
 * <ul>
 *   <li><b>Grammar</b>: words, "phrases", AND (or words side by side), OR, NOT, parentheses
 *       ({@link QueryParser}); a query that does not parse is refused when the subscription is
 *       added, seeded or read from the subscriptions topic.
 *   <li><b>Meaning</b>: a query selects <em>articles</em>. Enrich evaluates it against the whole
 *       article (title and body, analyzed like the article's language) and lists the matching
 *       subscriptions on the tagged article and on its alerts ({@code matchedQueries}).
 *   <li><b>Alerts without article text</b>: a surge alert is about a topic's volume, not an article;
 *       it matches no query, so a query subscription does not receive surges (a subscription without a
 *       query does, by topic). An alert enrich did not evaluate ({@code matchedQueries} null, written
 *       by a release before queries were matched in enrich) matches no query either: a query is never
 *       guessed from an alert's summary.
 * </ul>
 */
public final class SubscriptionQuery {

  private SubscriptionQuery() {}

  /** Whether a subscription has a query at all. */
  public static boolean hasQuery(Subscription subscription) {
    return subscription.getQuery() != null && !subscription.getQuery().isBlank();
  }

  /** The problem with a subscription's query, or null when it parses (or there is none). */
  public static String problem(Subscription subscription) {
    if (!hasQuery(subscription)) {
      return null;
    }
    try {
      QueryParser.parse(subscription.getQuery());
      return null;
    } catch (QuerySyntaxException e) {
      return e.getMessage();
    }
  }

  /** The query part of delivery: true without a query, else whether enrich matched this subscription. */
  public static boolean delivers(Subscription subscription, Alert alert) {
    if (!hasQuery(subscription)) {
      return true;
    }
    List<String> matched = alert.getMatchedQueries();
    return matched != null && matched.contains(subscription.getId());
  }
}
