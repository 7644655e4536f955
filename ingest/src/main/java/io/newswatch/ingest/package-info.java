/**
 * Ingest stage library: turns dropped files, feeds and HTTP pushes into {@code Article} records.
 *
 * <p>Every source decodes and cleans its input with {@code normalize}, builds an
 * {@link io.newswatch.schemas.avro.Article} through {@link io.newswatch.ingest.normalize.ArticleNormalizer}
 * and hands it to an {@link io.newswatch.ingest.ArticleSink}; input that cannot become an article is
 * handed to the same sink as a {@link io.newswatch.schemas.avro.DeadLetter} built by {@link
 * io.newswatch.ingest.DeadLetters}. Publishing to Kafka is the service's job, not this library's.
 *
 * <p>Folder and push input go through a {@link io.newswatch.ingest.NormalizationPool}: articles are
 * normalized on {@code ingest.threads} threads and sent in the order they were submitted, at most
 * {@code ingest.queue} waiting; a source learns its input is done (a file recorded in the ledger, a push
 * answered 202) only from the sink's acknowledgement of every record.
 */
package io.newswatch.ingest;
