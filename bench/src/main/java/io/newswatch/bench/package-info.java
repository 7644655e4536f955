/**
 * Benchmarks of newswatch's hot paths, never run by the build.
 *
 * <p>{@link io.newswatch.bench.BenchCorpus} builds articles from the real Arabic seeds and the
 * English bench articles; {@link io.newswatch.bench.QueryMix} derives subscriber queries from their
 * vocabulary by frequency band. JMH benchmarks ({@code *Benchmark}) time one operation each: Avro
 * serde, ingest normalization, dedup fingerprinting, topic tagging and stored-query matching. {@link
 * io.newswatch.bench.MatcherBench} is a plain main that measures matching throughput on several
 * threads and the heap per stored query.
 */
package io.newswatch.bench;
