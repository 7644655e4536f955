/**
 * The processors of the enrich topology, wired by {@link io.newswatch.enrich.EnrichTopology}.
 *
 * <p>Dedup is a scatter-gather over LSH bands, so that near-duplicates with different ids meet even
 * though state is per partition: {@link io.newswatch.enrich.stream.DedupIntakeProcessor} tags an
 * article, parks it in the pending store and sends one probe per band key (plus its exact content
 * hash); the probes are repartitioned by band key, where {@link
 * io.newswatch.enrich.stream.BandMatcherProcessor} compares each with the earlier articles of that
 * band and answers; the answers are repartitioned back by article id, where {@link
 * io.newswatch.enrich.stream.DedupDecisionProcessor} counts them and decides once all are in.
 * "Earlier" is a total order on (event time, article id), so two articles can never each be the
 * other's duplicate, whatever order the partitions run in.
 *
 * <p>Subscription queries: {@link io.newswatch.enrich.stream.SubscriptionQueryUpdater} keeps a global
 * store of the subscriptions topic (every instance sees every subscription) and registers their
 * free-text queries with the shared {@link io.newswatch.enrich.matching.QueryMatcher}; the intake
 * matches each tagged article against it and lists the matching subscriptions on the article and
 * its alerts, so the sink can route by the whole text, which it never sees.
 */
package io.newswatch.enrich.stream;
