package io.newswatch.sink.live;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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

  /** Serves the exchange until the client disconnects, falls too far behind, or {@link #end} is called. */
  void serve(HttpExchange exchange) throws IOException {
    Consumer<LiveEvent> listener = event -> {
      if (!queue.offer(event)) {
        overflowed.set(true);
      }
    };
    String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
    List<LiveEvent> backlog = alerts.subscribe(listener, lastEventId);
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      write(out, "retry: 2000\n\n");
      for (LiveEvent event : backlog) {
        write(out, frame(event));
      }
      out.flush();
      pump(out);
    } catch (IOException e) {
      LOG.debug("SSE client {} went away", exchange.getRemoteAddress(), e);
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
