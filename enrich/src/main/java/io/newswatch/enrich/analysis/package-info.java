/**
 * Language-aware text analysis shared by tagging and dedup.
 *
 * <p>Text goes in with a language ({@link io.newswatch.enrich.analysis.TextLanguage}, chosen from the
 * article's {@code lang} or, for {@code und}, by script); Lucene analyzers turn it into normalized
 * terms ({@link io.newswatch.enrich.analysis.Token}) that keep the original character offsets, so
 * anything matched later can point at the exact surface text.
 */
package io.newswatch.enrich.analysis;
