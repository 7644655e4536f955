package io.newswatch.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port of a service: {@code /health/live}, {@code /health/ready} (503 until every
 * registered check passes) and {@code /metrics} in the Prometheus text format.
 */
public final class ManagementServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

  private final PrometheusMeterRegistry registry;
  private final Map<String, BooleanSupplier> readiness = new ConcurrentHashMap<>();
  private final HttpServer server;

  private ManagementServer(PrometheusMeterRegistry registry, HttpServer server) {
    this.registry = registry;
    this.server = server;
  }

  /** Binds {@code host:port} (0 picks a free port) and starts serving. */
  public static ManagementServer start(String host, int port) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    ManagementServer m = new ManagementServer(registry, server);
    server.createContext("/health/live", ex -> m.respond(ex, 200, "{\"status\":\"UP\"}", "application/json"));
    server.createContext("/health/ready", m::ready);
    server.createContext("/metrics", ex -> m.respond(ex, 200, registry.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "newswatch-management");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    log.info("management endpoints on http://{}:{}/ (health/live, health/ready, metrics)", host, server.getAddress().getPort());
    return m;
  }

  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Adds a named readiness check; the service is ready when all checks pass. */
  public void addReadinessCheck(String name, BooleanSupplier check) {
    readiness.put(name, check);
  }

  private void ready(HttpExchange ex) throws IOException {
    StringBuilder sb = new StringBuilder("{\"checks\":{");
    boolean all = true;
    boolean first = true;
    for (var e : new java.util.TreeMap<>(readiness).entrySet()) {
      boolean ok;
      try {
        ok = e.getValue().getAsBoolean();
      } catch (RuntimeException err) {
        ok = false;
      }
      all &= ok;
      sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":\"").append(ok ? "UP" : "DOWN").append('"');
      first = false;
    }
    sb.append("},\"status\":\"").append(all ? "UP" : "DOWN").append("\"}");
    respond(ex, all ? 200 : 503, sb.toString(), "application/json");
  }

  private void respond(HttpExchange ex, int status, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    registry.close();
  }
}
