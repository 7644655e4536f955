/**
 * Explainable multilingual topic tagging.
 *
 * <p>{@link io.newswatch.enrich.tagging.TaxonomyLoader} reads a versioned YAML taxonomy (topics,
 * weighted terms and phrases per language, near/all/any/not conditions, required context, severity
 * rules), reports bad rules as {@link io.newswatch.enrich.tagging.RuleError}s and compiles the rest
 * through the same Lucene analyzers as the articles. {@link io.newswatch.enrich.tagging.TaxonomyTagger}
 * analyzes each {@link io.newswatch.enrich.tagging.Document} once, evaluates every topic over the
 * token streams and returns a {@link io.newswatch.enrich.tagging.TaggingResult}: per topic a score
 * that is the sum of its {@link io.newswatch.enrich.tagging.Evidence} weights, each evidence pointing
 * at the exact surface text, plus severity for tags. {@link io.newswatch.enrich.tagging.AvroTags}
 * maps results to the schema records; {@link io.newswatch.enrich.tagging.OfflineTagger} tags files.
 */
package io.newswatch.enrich.tagging;
