package io.newswatch.sink.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One browser's Server-Sent Events stream: backlog first, then each new alert, until it goes away. */
final class SseStream {

  /** Put on a queue to make its stream end: the server is closing. */
  static final LiveEvent END = new LiveEvent("", "");

  private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);

  private final RecentAlerts alerts;
  private final LiveConfig config;
  private final BlockingQueue<LiveEvent> queue;
  private final AtomicBoolean overflowed = new AtomicBoolean();

  SseStream(RecentAlerts alerts, LiveConfig config) {
    this.alerts = alerts;
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.clientQueue());
  }

  /** Ends the stream soon, from another thread. */
  void end() {
    if (!queue.offer(END)) {
      overflowed.set(true);
    }
  }

  /**
   * Serves the request until the client disconnects, falls too far behind, or {@link #end} is called;
   * runs on its own virtual thread, so blocking here holds no pool thread.
   */
  void serve(Request request, Response response, Callback callback) {
    Consumer<LiveEvent> listener = event -> {
      if (!queue.offer(event)) {
        overflowed.set(true);
      }
    };
    String lastEventId = request.getHeaders().get("Last-Event-ID");
    List<LiveEvent> backlog = alerts.subscribe(listener, lastEventId);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.getHeaders().put("X-Accel-Buffering", "no");
      write(out, "retry: 2000\n\n");
      for (LiveEvent event : backlog) {
        write(out, frame(event));
      }
      out.flush();
      pump(out);
      out.close();
      callback.succeeded();
    } catch (IOException e) {
      LOG.debug("SSE client {} went away", request.getConnectionMetaData().getRemoteSocketAddress(), e);
      callback.failed(e);
    } finally {
      alerts.unsubscribe(listener);
    }
  }

  private void pump(OutputStream out) throws IOException {
    while (!overflowed.get()) {
      LiveEvent event;
      try {
        event = queue.poll(config.keepAlive().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (event == END) {
        return;
      }
      write(out, event == null ? ": keep-alive\n\n" : frame(event));
      out.flush();
    }
    LOG.info("Dropped a live page client that fell {} events behind; its browser will reconnect with Last-Event-ID",
        config.clientQueue());
  }

  static String frame(LiveEvent event) {
    return "id: " + event.id() + "\ndata: " + event.json() + "\n\n";
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
