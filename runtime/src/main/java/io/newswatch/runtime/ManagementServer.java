package io.newswatch.runtime;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.runtime.http.HardenedHttpServer;
import io.newswatch.runtime.http.HttpLimits;
import io.newswatch.runtime.http.HttpReplies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port of a service: {@code /health/live}, {@code /health/ready} (503 until every
 * registered check passes) and {@code /metrics} in the Prometheus text format. It is a
 * {@link HardenedHttpServer}, so clients that never finish their headers cannot starve the probes.
 */
public final class ManagementServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);
  private static final String JSON = "application/json";

  private final PrometheusMeterRegistry registry;
  private final Map<String, BooleanSupplier> readiness = new ConcurrentHashMap<>();
  private final Map<String, BooleanSupplier> liveness = new ConcurrentHashMap<>();
  private final Map<String, Boolean> lastReported = new ConcurrentHashMap<>();
  private HardenedHttpServer server;

  private ManagementServer(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** Binds {@code host:port} (0 picks a free port) with {@link HttpLimits#management()} and starts serving. */
  public static ManagementServer start(String host, int port) throws IOException {
    return start(host, port, HttpLimits.management());
  }

  /** Binds {@code host:port} (0 picks a free port) with these limits and starts serving. */
  public static ManagementServer start(String host, int port, HttpLimits limits) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    ManagementServer m = new ManagementServer(registry);
    try {
      m.server = HardenedHttpServer.start("newswatch-management", host, port, limits, m.new Routes());
    } catch (IOException e) {
      registry.close();
      throw e;
    }
    log.info("management endpoints on http://{}:{}/ (health/live, health/ready, metrics)", host, m.port());
    return m;
  }

  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  public int port() {
    return server.port();
  }

  /** Adds a named readiness check; the service is ready when all checks pass. */
  public void addReadinessCheck(String name, BooleanSupplier check) {
    readiness.put(name, check);
  }

  /**
   * Adds a named liveness check: the process is alive while all pass. Only for what a restart mends: a
   * thread the service cannot work without that died (readiness says whether it can take work now).
   */
  public void addLivenessCheck(String name, BooleanSupplier check) {
    liveness.put(name, check);
  }

  /** Every liveness check's state now, by name. */
  public Map<String, Boolean> liveness() {
    return evaluate(liveness);
  }

  /** Every check's state now, by name. */
  public Map<String, Boolean> readiness() {
    Map<String, Boolean> states = evaluate(readiness);
    states.forEach((name, ok) -> {
      Boolean before = lastReported.put(name, ok);
      if (before != null && before != ok) {
        // A probe flipping is what an operator looks for in the log after an incident.
        if (ok) {
          log.info("readiness check {} is UP again", name);
        } else {
          log.warn("readiness check {} is DOWN", name);
        }
      }
    });
    return states;
  }

  /** Each check's answer, in name order; a check that throws is DOWN. */
  private static Map<String, Boolean> evaluate(Map<String, BooleanSupplier> checks) {
    Map<String, Boolean> states = new TreeMap<>();
    checks.forEach((name, check) -> {
      boolean ok;
      try {
        ok = check.getAsBoolean();
      } catch (RuntimeException err) {
        ok = false;
      }
      states.put(name, ok);
    });
    return states;
  }

  /** {"checks":{...},"status":"UP"|"DOWN"}, 200 when every check passes, else 503. */
  private static void reply(Request request, Response response, Callback callback, Map<String, Boolean> states) {
    StringBuilder sb = new StringBuilder("{\"checks\":{");
    boolean all = true;
    boolean first = true;
    for (var e : states.entrySet()) {
      all &= e.getValue();
      sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":\"").append(e.getValue() ? "UP" : "DOWN")
          .append('"');
      first = false;
    }
    sb.append("},\"status\":\"").append(all ? "UP" : "DOWN").append("\"}");
    HttpReplies.send(request, response, callback, all ? 200 : 503, JSON, sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    registry.close();
  }

  /** GET or HEAD on the three paths; 405 for another method, 404 elsewhere. */
  private final class Routes extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      boolean known = path.equals("/health/live") || path.equals("/health/ready") || path.equals("/metrics");
      if (!known) {
        HttpReplies.text(request, response, callback, 404, "not found; try /health/live, /health/ready or /metrics\n");
        return true;
      }
      if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
        response.getHeaders().put("Allow", "GET, HEAD");
        HttpReplies.text(request, response, callback, 405, "use GET\n");
        return true;
      }
      switch (path) {
        case "/health/live" -> reply(request, response, callback, liveness());
        case "/health/ready" -> reply(request, response, callback, readiness());
        default -> HttpReplies.send(request, response, callback, 200, "text/plain; version=0.0.4; charset=utf-8",
            registry.scrape().getBytes(StandardCharsets.UTF_8));
      }
      return true;
    }
  }
}
