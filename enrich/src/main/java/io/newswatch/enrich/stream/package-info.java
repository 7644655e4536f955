/**
 * The processors of the enrich topology, wired by {@link io.newswatch.enrich.EnrichTopology}.
 *
 * <p>Dedup and stories are one round trip through a single matcher task, so that near-duplicates
 * and reports of one event meet whatever partition (or instance) they were read on, while the text
 * stays where it was read: {@link io.newswatch.enrich.stream.ArticleIntakeProcessor} tags an article
 * on its raw partition, parks it on the heap of its task ({@link io.newswatch.enrich.stream.ParkedArticles}) and
 * sends a probe of hashes and story signals to the one-partition probe topic; {@link
 * io.newswatch.enrich.stream.DedupMatcherProcessor} decides duplicate and story against its heap
 * index and sends the decision back to the raw partition, where {@link
 * io.newswatch.enrich.stream.DecisionApplyProcessor} applies it to the parked article (or to the
 * article read again from the raw topic, if the park lost it). Three exactly-once hops, each
 * decoding its value once; one changelog record per article for dedup and one per story change.
 *
 * <p>Subscription queries: {@link io.newswatch.enrich.stream.SubscriptionQueryUpdater} keeps a global
 * store of the subscriptions topic (every instance sees every subscription) and registers their
 * free-text queries with the shared {@link io.newswatch.enrich.matching.QueryMatcher}; the intake
 * matches each tagged article against it and lists the matching subscriptions on the article and
 * its alerts, so the sink can route by the whole text, which it never sees.
 */
package io.newswatch.enrich.stream;
