/**
 * The live page. {@link io.newswatch.sink.live.LiveChannel} publishes each LIVE delivery into
 * {@link io.newswatch.sink.live.RecentAlerts}, a ring buffer of the last N alerts that ignores an
 * alert id it already holds (a replay). {@link io.newswatch.sink.live.LivePageServer} serves the
 * static page {@code live/index.html}, the Server-Sent Events stream {@code /events} (backlog first,
 * or only what follows {@code Last-Event-ID}, then each new alert), {@code /api/alerts} and
 * {@code /health}. Each SSE client has its own bounded queue, so a stalled browser is dropped rather
 * than slowing the sink.
 */
package io.newswatch.sink.live;
