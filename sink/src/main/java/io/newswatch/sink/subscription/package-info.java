/**
 * Who gets which alert. {@link io.newswatch.sink.subscription.SubscriptionRegistry} holds the current
 * subscriptions (the lead feeds it from the compacted topic {@code news.subscriptions}, or a YAML seed
 * read by {@link io.newswatch.sink.subscription.SubscriptionSeedLoader}); every subscription is
 * checked by {@link io.newswatch.sink.subscription.SubscriptionValidator} on the way in, and
 * {@link io.newswatch.sink.subscription.SubscriptionFilter} decides per alert.
 */
package io.newswatch.sink.subscription;
