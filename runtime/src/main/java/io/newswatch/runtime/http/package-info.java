/**
 * Every HTTP port newswatch opens (ingest's push endpoint, the management port, the live page) is a
 * {@link io.newswatch.runtime.http.HardenedHttpServer}: Jetty core with the
 * {@link io.newswatch.runtime.http.HttpLimits} of that port (a header deadline against slow-header
 * clients, an idle timeout, a connection limit, a header size cap). A request reaches the port's
 * {@code Handler} only once its headers are complete; handlers run on virtual threads and answer
 * with {@link io.newswatch.runtime.http.HttpReplies}.
 */
package io.newswatch.runtime.http;
