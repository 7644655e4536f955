/**
 * Exact and near-duplicate fingerprints for articles.
 *
 * <p>Text is normalized by the shared analyzers ({@link io.newswatch.enrich.dedup.DedupText}: NFC,
 * Arabic diacritics/tatweel/letter forms, lower case, the tagger's terms stemmed), then {@link
 * io.newswatch.enrich.dedup.Fingerprinter} produces a {@link io.newswatch.enrich.dedup.Fingerprint}:
 * the SHA-256 of the normalized body ({@link io.newswatch.enrich.dedup.ContentHash}) for exact
 * duplicates, a MinHash signature over word shingles ({@link
 * io.newswatch.enrich.dedup.MinHashSignature}, stored compactly as bytes) and LSH band keys. The
 * topology repartitions by band key so candidate duplicates meet in one partition, then confirms a
 * candidate with {@link io.newswatch.enrich.dedup.Fingerprinter#isNearDuplicate}.
 */
package io.newswatch.enrich.dedup;
