package io.newswatch.sink.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newswatch.sink.AlertJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the live page: {@code /} (static HTML), {@code /events} (SSE), {@code /api/alerts} (recent
 * alerts as JSON, newest first) and {@code /health}.
 */
public final class LivePageServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LivePageServer.class);
  private static final String PAGE = "/live/index.html";

  private final RecentAlerts alerts;
  private final LiveConfig config;
  private final byte[] page;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<SseStream> streams = ConcurrentHashMap.newKeySet();

  /**
   * Binds the port and starts serving.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public LivePageServer(LiveConfig config, RecentAlerts alerts) {
    this.config = config;
    this.alerts = alerts;
    this.page = loadPage();
    try {
      this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the live page to " + config.host() + ":" + config.port()
          + "; choose a free port", e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::page);
    server.createContext("/events", this::events);
    server.createContext("/api/alerts", this::recent);
    server.createContext("/health", this::health);
    server.start();
    LOG.info("Live page at http://{}:{}/", config.host(), port());
  }

  /** The bound port (useful when the config asked for 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The page's base URL, e.g. http://127.0.0.1:8090/. */
  public String url() {
    return "http://" + config.host() + ":" + port() + "/";
  }

  private void page(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals("/") && !path.equals("/index.html")) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      exchange.getResponseHeaders().set("Content-Security-Policy",
          "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'none'");
      send(exchange, 200, "text/html; charset=utf-8", page);
    }
  }

  private void events(HttpExchange exchange) throws IOException {
    SseStream stream = new SseStream(alerts, config);
    streams.add(stream);
    try {
      stream.serve(exchange);
    } finally {
      streams.remove(stream);
    }
  }

  private void recent(HttpExchange exchange) throws IOException {
    try (exchange) {
      List<LiveEvent> events = alerts.snapshot();
      ArrayNode array = AlertJson.mapper().createArrayNode();
      for (int i = events.size() - 1; i >= 0; i--) {
        array.add(AlertJson.mapper().readTree(events.get(i).json()));
      }
      send(exchange, 200, "application/json", AlertJson.mapper().writeValueAsBytes(array));
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      ObjectNode node = AlertJson.mapper().createObjectNode();
      node.put("status", "UP");
      node.put("buffered", alerts.size());
      node.put("clients", alerts.listenerCount());
      send(exchange, 200, "application/json", AlertJson.bytes(node));
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static byte[] loadPage() {
    try (InputStream in = LivePageServer.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IllegalStateException(PAGE + " is missing from the classpath; rebuild the sink module");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + PAGE, e);
    }
  }

  /** Ends open streams and stops the server. */
  @Override
  public void close() {
    streams.forEach(SseStream::end);
    server.stop(1);
    executor.shutdownNow();
  }
}
