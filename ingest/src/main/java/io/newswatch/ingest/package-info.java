/**
 * Ingest stage library: turns dropped files, feeds and HTTP pushes into {@code Article} records.
 *
 * <p>Every source decodes and cleans its input with {@code normalize}, builds an
 * {@link io.newswatch.schemas.avro.Article} through {@link io.newswatch.ingest.normalize.ArticleNormalizer}
 * and hands it to an {@link io.newswatch.ingest.ArticleSink}; input that cannot become an article is
 * handed to the same sink as a {@link io.newswatch.schemas.avro.DeadLetter} built by {@link
 * io.newswatch.ingest.DeadLetters}. Publishing to Kafka is the service's job, not this library's.
 */
package io.newswatch.ingest;
