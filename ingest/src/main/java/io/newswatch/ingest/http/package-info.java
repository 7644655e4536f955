/**
 * HTTP push source: {@code POST /articles} takes one JSON article or an array of them.
 *
 * <p>{@link io.newswatch.ingest.http.PushServer} (JDK {@code HttpServer}) checks the bearer token in
 * constant time, bounds the body by size and by time, parses it with Jackson, and validates each item
 * on its own: valid items are normalized and handed to the {@code ArticleSink}, invalid ones are
 * dead-lettered, and the 202 reply lists both. {@code GET /health} answers 200.
 */
package io.newswatch.ingest.http;
