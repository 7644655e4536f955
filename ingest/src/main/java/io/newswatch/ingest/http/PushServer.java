package io.newswatch.ingest.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.DeadLetters;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.normalize.ArticleJsonReader;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP push endpoint: {@code POST /articles} (one article or an array) and {@code GET /health}. */
public final class PushServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PushServer.class);
  private static final String JSON = "application/json; charset=utf-8";

  private final PushConfig config;
  private final ArticleSink sink;
  private final ArticleNormalizer normalizer;
  private final IngestMetrics.SourceMetrics metrics;
  private final Clock clock;
  private final BearerAuth auth;
  private final ArticleJsonReader reader = new ArticleJsonReader();
  private final ObjectMapper mapper = new ObjectMapper();
  private HttpServer server;
  private ExecutorService handlers;
  private ScheduledExecutorService watchdog;

  public PushServer(PushConfig config, ArticleSink sink, ArticleNormalizer normalizer, IngestMetrics metrics,
      Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.metrics = metrics.source("http", "push");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.auth = config.token().map(BearerAuth::new).orElse(null);
  }

  /** Binds and starts serving. */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("push server already started on port " + port());
    }
    AtomicInteger n = new AtomicInteger();
    handlers = Executors.newFixedThreadPool(config.threads(), r -> daemon(r, "ingest-push-" + n.incrementAndGet()));
    watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ingest-push-watchdog"));
    server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
    server.setExecutor(handlers);
    server.createContext("/articles", this::articles);
    server.createContext("/health", this::health);
    server.start();
    if (!config.pushEnabled()) {
      LOG.warn("HTTP push on port {} refuses all pushes: no token is configured and unauthenticated pushes are not allowed",
          port());
    } else if (config.token().isEmpty()) {
      LOG.warn("HTTP push on port {} accepts pushes WITHOUT authentication", port());
    } else {
      LOG.info("HTTP push listening on {}:{}", config.host(), port());
    }
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(1);
      handlers.shutdownNow();
      watchdog.shutdownNow();
      server = null;
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        reply(exchange, 405, Map.of("error", "use GET"));
        return;
      }
      reply(exchange, 200, Map.of("status", "UP"));
    }
  }

  private void articles(HttpExchange exchange) throws IOException {
    try (exchange) {
      String client = exchange.getRemoteAddress().getAddress().getHostAddress();
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "POST");
        reply(exchange, 405, Map.of("error", "use POST with a JSON article or array of articles"));
        return;
      }
      if (!config.pushEnabled()) {
        reply(exchange, 403, Map.of("error",
            "push is disabled: the server has no bearer token configured and unauthenticated pushes are not allowed"));
        return;
      }
      if (auth != null && !auth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
        // The header's value is never logged or echoed: it may be a real token sent to the wrong server.
        LOG.warn("Rejected push from {}: missing or wrong bearer token", client);
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"newswatch\"");
        reply(exchange, 401, Map.of("error", "missing or wrong bearer token"));
        return;
      }
      long declared = contentLength(exchange);
      if (declared > config.maxBodyBytes()) {
        reply(exchange, 413, Map.of("error", "body of " + declared + " bytes exceeds the limit of "
            + config.maxBodyBytes()));
        return;
      }
      byte[] body = readBody(exchange, client);
      if (body == null) {
        return;
      }
      if (body.length > config.maxBodyBytes()) {
        reply(exchange, 413, Map.of("error", "body exceeds the limit of " + config.maxBodyBytes() + " bytes"));
        return;
      }
      metrics.fetched();
      metrics.bytes(body.length);
      handleJson(exchange, body, client);
    }
  }

  private static long contentLength(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return value == null ? -1 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Reads at most {@code maxBodyBytes + 1} bytes within the read timeout; null when the client was too
   * slow. The JDK server has no per-request body deadline, so a watchdog closes the connection, which
   * unblocks the read.
   */
  private byte[] readBody(HttpExchange exchange, String client) {
    AtomicBoolean settled = new AtomicBoolean();
    ScheduledFuture<?> guard = watchdog.schedule(() -> {
      if (settled.compareAndSet(false, true)) {
        LOG.warn("Push from {} did not send its body within {}; closing the connection", client, config.readTimeout());
        exchange.close();
      }
    }, config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] buffer = new byte[16 * 1024];
      long limit = config.maxBodyBytes() + 1;
      int n;
      while (out.size() < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()))) != -1) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      if (settled.compareAndSet(false, true)) {
        LOG.info("Push from {}: body could not be read: {}", client, e.getMessage());
      }
      guard.cancel(false);
      return null;
    }
    guard.cancel(false);
    return settled.compareAndSet(false, true) ? out.toByteArray() : null;
  }

  private void handleJson(HttpExchange exchange, byte[] body, String client) throws IOException {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException e) {
      reply(exchange, 400, Map.of("error", "malformed JSON: " + e.getOriginalMessage()));
      return;
    }
    if (root == null || !(root.isObject() || root.isArray())) {
      reply(exchange, 400, Map.of("error", "expected a JSON article object or an array of them"));
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) {
      if (root.size() > config.maxBatchItems()) {
        reply(exchange, 413, Map.of("error", "batch of " + root.size() + " items exceeds the limit of "
            + config.maxBatchItems()));
        return;
      }
      root.forEach(items::add);
    } else {
      items.add(root);
    }
    List<Map<String, Object>> accepted = new ArrayList<>();
    List<Map<String, Object>> rejected = new ArrayList<>();
    Map<String, String> attributes = Map.of("http.client", client);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      try {
        Article article = normalizer.normalize(reader.read(item, SourceType.HTTP, attributes), clock.instant());
        sink.accept(article);
        accepted.add(entry(i, "id", article.getId()));
      } catch (InvalidArticleException e) {
        sink.reject(DeadLetters.of("http:" + client, e.getMessage(), e,
            item.toString().getBytes(StandardCharsets.UTF_8), -1, attributes, clock.instant()));
        rejected.add(entry(i, "reason", e.getMessage()));
      } catch (RuntimeException e) {
        LOG.error("Sink failed while taking a push from {}", client, e);
        reply(exchange, 503, Map.of("error", "articles cannot be stored right now; retry later",
            "accepted", accepted));
        return;
      }
    }
    metrics.newArticles(accepted.size());
    metrics.rejected(rejected.size());
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("accepted", accepted);
    response.put("rejected", rejected);
    reply(exchange, 202, response);
  }

  private static Map<String, Object> entry(int index, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    m.put(key, value);
    return m;
  }

  private void reply(HttpExchange exchange, int status, Map<String, ?> payload) throws IOException {
    byte[] bytes = mapper.writeValueAsBytes(payload);
    exchange.getResponseHeaders().set("Content-Type", JSON);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
