/**
 * HTTP push source: {@code POST /articles} takes one JSON article or an array of them.
 *
 * <p>{@link io.newswatch.ingest.http.PushServer} runs on the runtime's hardened Jetty server (header
 * deadline, idle timeout, connection limit). It refuses cross-site browser requests (any
 * {@code Origin}), checks the bearer token in constant time (logging a wrong token at most once a
 * minute), requires {@code application/json}, bounds the body by size and by time, parses it with
 * Jackson, and validates each item on its own: valid items are normalized (with the server's
 * provenance attributes, never the client's) and handed to the {@code ArticleSink}; a body refused
 * whole (400, 413) and each invalid item are dead-lettered with the reason. The reply lists both,
 * 202 when at least one article was accepted, 422 when none was. {@code GET /health} answers 200.
 */
package io.newswatch.ingest.http;
