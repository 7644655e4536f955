package io.newswatch.sink.live;

import io.newswatch.schemas.avro.Alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.runtime.http.HardenedHttpServer;
import io.newswatch.runtime.http.HttpLimits;
import io.newswatch.runtime.http.HttpReplies;
import io.newswatch.sink.AlertJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the live page: {@code /} (static HTML), {@code /events} (SSE), {@code /api/alerts} (recent
 * alerts as JSON, newest first), {@code /api/stories} (one entry per story and topic at its latest
 * version, newest first, {@code ?topic=} to filter), {@code /api/stories/ID} (one story with its
 * articles), {@code /api/volume} (alerted articles per topic and hour over a day, with surges) and {@code /health}, on a {@link HardenedHttpServer}. Everything but
 * {@code /health} answers only to a {@code Host} the page is known by (see {@link LiveConfig#allowsHost}).
 */
public final class LivePageServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LivePageServer.class);
  private static final String PAGE = "/live/index.html";
  private static final String JSON = "application/json";
  private static final String STORY_PREFIX = "/api/stories/";

  private final RecentAlerts alerts;
  private final LiveConfig config;
  private final byte[] page;
  private final HardenedHttpServer server;
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
    // An SSE stream writes at least every keepAlive, so the idle timeout must be longer than that.
    Duration idle = config.keepAlive().multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
        ? config.keepAlive().multipliedBy(2) : Duration.ofSeconds(30);
    try {
      this.server = HardenedHttpServer.start("sink-live", config.host(), config.port(),
          HttpLimits.defaults().withIdleTimeout(idle), new Routes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the live page to " + config.host() + ":" + config.port()
          + "; choose a free port", e);
    }
    LOG.info("Live page at http://{}:{}/", config.host(), port());
  }

  /** The bound port (useful when the config asked for 0). */
  public int port() {
    return server.port();
  }

  /** The page's base URL, e.g. http://127.0.0.1:8090/. */
  public String url() {
    return "http://" + config.host() + ":" + port() + "/";
  }

  /** Routes GET and HEAD requests; the page and its API only for a known Host. */
  private final class Routes extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = Request.getPathInContext(request);
      if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        HttpReplies.text(request, response, callback, 405, "the live page is read-only\n");
        return true;
      }
      if (path.equals("/health")) {
        health(request, response, callback);
        return true;
      }
      String host = request.getHeaders().get(HttpHeader.HOST);
      if (!config.allowsHost(host)) {
        // A page of another site whose name now resolves to this machine (DNS rebinding) lands here.
        LOG.warn("Refused a live page request for unknown Host '{}'; add it to sink.live.allowed-hosts if it is yours",
            host == null ? "" : host.replaceAll("\\p{Cntrl}", "?"));
        HttpReplies.text(request, response, callback, 421, "unknown host; open the page by its own address\n");
        return true;
      }
      switch (path) {
        case "/", "/index.html" -> {
          response.getHeaders().put("Content-Security-Policy",
              "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'none'");
          HttpReplies.send(request, response, callback, 200, "text/html; charset=utf-8", page);
        }
        case "/events" -> events(request, response, callback);
        case "/api/alerts" -> recent(request, response, callback);
        case "/api/stories" -> stories(request, response, callback);
        case "/api/volume" -> HttpReplies.send(request, response, callback, 200, JSON,
            AlertJson.bytes(StoryJson.volume(alerts.volume(java.time.Instant.now()))));
        default -> {
          if (path.startsWith(STORY_PREFIX) && path.length() > STORY_PREFIX.length()) {
            story(path.substring(STORY_PREFIX.length()), request, response, callback);
          } else {
            HttpReplies.text(request, response, callback, 404, "not found\n");
          }
        }
      }
      return true;
    }
  }

  private void events(Request request, Response response, Callback callback) {
    SseStream stream = new SseStream(alerts, config);
    streams.add(stream);
    try {
      stream.serve(request, response, callback);
    } finally {
      streams.remove(stream);
    }
  }

  private void recent(Request request, Response response, Callback callback) throws IOException {
    List<LiveEvent> events = alerts.snapshot();
    ArrayNode array = AlertJson.mapper().createArrayNode();
    for (int i = events.size() - 1; i >= 0; i--) {
      array.add(AlertJson.mapper().readTree(events.get(i).json()));
    }
    HttpReplies.send(request, response, callback, 200, JSON, AlertJson.mapper().writeValueAsBytes(array));
  }

  /** The stories as JSON, newest first; {@code ?topic=T} keeps one topic's. */
  private void stories(Request request, Response response, Callback callback) throws IOException {
    String topic = Request.extractQueryParameters(request).getValue("topic");
    List<Alert> stories = alerts.stories().stream().filter(s -> topic == null || topic.equals(s.getTopic())).toList();
    HttpReplies.send(request, response, callback, 200, JSON,
        AlertJson.mapper().writeValueAsBytes(StoryJson.stories(stories)));
  }

  /** One story with its articles, or 404 when the page does not hold it (any more). */
  private void story(String storyId, Request request, Response response, Callback callback) {
    var story = alerts.story(java.net.URLDecoder.decode(storyId, java.nio.charset.StandardCharsets.UTF_8));
    if (story.isEmpty()) {
      HttpReplies.text(request, response, callback, 404, "no such story on this page\n");
    } else {
      HttpReplies.send(request, response, callback, 200, JSON, AlertJson.bytes(StoryJson.story(story.get())));
    }
  }

  private void health(Request request, Response response, Callback callback) {
    ObjectNode node = AlertJson.mapper().createObjectNode();
    node.put("status", "UP");
    node.put("buffered", alerts.size());
    node.put("clients", alerts.listenerCount());
    HttpReplies.send(request, response, callback, 200, JSON, AlertJson.bytes(node));
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
    server.close();
  }
}
