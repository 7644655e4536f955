/**
 * Who gets which alert. {@link io.newswatch.sink.subscription.SubscriptionRegistry} holds the current
 * subscriptions (the sink service's reader thread feeds it from the compacted topic {@code news.subscriptions};
 * a YAML seed read by {@link io.newswatch.sink.subscription.SubscriptionSeedLoader} is written to that topic first); every subscription is
 * checked by {@link io.newswatch.sink.subscription.SubscriptionValidator} on the way in, and
 * {@link io.newswatch.sink.subscription.SubscriptionFilter} decides per alert.
 */
package io.newswatch.sink.subscription;
