/**
 * Stored-query matching: which of many thousands of subscriber queries an article satisfies.
 *
 * <p>A query ({@link io.newswatch.enrich.matching.StoredQuery}) is text in a small boolean language
 * (words, "phrases", AND, OR, NOT, parentheses; see {@link io.newswatch.enrich.matching.QueryParser}).
 * It is parsed once, analyzed with the article analyzers of {@link io.newswatch.enrich.analysis}
 * ({@link io.newswatch.enrich.matching.QueryAnalysis}), and registered with a {@link
 * io.newswatch.enrich.matching.QueryMatcher}; a query that does not parse comes back as a {@link
 * io.newswatch.enrich.matching.QueryError} and the rest are registered. Each article then goes
 * through {@code match}, which returns the ids of the queries it satisfies.
 *
 * <p>Two engines implement the interface with identical results: {@link
 * io.newswatch.enrich.matching.AnchorIndexMatcher}, which files each query under its rarest
 * required term ({@link io.newswatch.enrich.matching.TermRarity}) and evaluates only the queries
 * filed under an article's words, and {@link io.newswatch.enrich.matching.LuceneMonitorMatcher}, stock
 * Lucene Monitor, kept as the reference and for benchmarks.
 */
package io.newswatch.enrich.matching;
