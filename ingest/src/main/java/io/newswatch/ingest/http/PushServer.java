package io.newswatch.ingest.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.DeadLetters;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.NormalizationPool;
import io.newswatch.ingest.NormalizationPool.Outcome;
import io.newswatch.ingest.normalize.ArticleJsonReader;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.runtime.http.HardenedHttpServer;
import io.newswatch.runtime.http.HttpLimits;
import io.newswatch.runtime.http.HttpReplies;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.SourceType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP push endpoint: {@code POST /articles} (one article or an array, {@code application/json})
 * and {@code GET /health}; every other path is 404 and every other method 405.
 *
 * <p>Runs on a {@link HardenedHttpServer} whose header deadline is the read timeout. Bodies that are
 * refused as a whole (400, 413) and items that are refused one by one go to the dead-letter topic
 * with the reason; nothing of the request's headers is kept, and the configured token is masked if a
 * client put it into the body.
 *
 * <p>A push is answered 202 only once Kafka acknowledged the record of every item (article or dead letter).
 * When a record cannot be published, or the {@link NormalizationPool}'s queue stays full, it is answered
 * 503 with {@code Retry-After} and lists only the items already acknowledged; ids are stable, so a client
 * that sends the whole request again causes no duplicate downstream.
 */
public final class PushServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PushServer.class);
  private static final String JSON = "application/json; charset=utf-8";
  /** Attributes a source sets about itself; a client's own values for them are dropped, not trusted. */
  private static final List<String> PROVENANCE_PREFIXES = List.of("http.", "feed.", "file.");
  private static final List<String> PROVENANCE_KEYS = List.of("file");
  /** How long a push waits for room in a full normalization queue before it is answered 503. */
  static final Duration QUEUE_WAIT = Duration.ofMillis(200);
  private static final String RETRY_AFTER_SECONDS = "1";

  private final PushConfig config;
  private final ArticleSink sink;
  private final NormalizationPool pool;
  private final IngestMetrics.SourceMetrics metrics;
  private final Clock clock;
  private final BearerAuth auth;
  private final byte[] tokenBytes;
  private final RejectionLog wrongTokens;
  private final Semaphore bodies;
  private final ArticleJsonReader reader = new ArticleJsonReader();
  // Trailing tokens after the document ('{...} xyz') are an error, not ignored.
  private final ObjectMapper mapper = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private HardenedHttpServer server;
  private ScheduledExecutorService watchdog;

  /** A server that normalizes and publishes each push on its handler thread. */
  public PushServer(PushConfig config, ArticleSink sink, ArticleNormalizer normalizer, IngestMetrics metrics,
      Clock clock) {
    this(config, NormalizationPool.inline(normalizer::normalize, sink), sink, metrics, clock);
  }

  /**
   * @param pool normalizes and publishes the pushed articles; when its queue stays full the push is
   *     answered 503 with Retry-After
   * @param sink takes the dead letters of refused bodies and unreadable items
   */
  public PushServer(PushConfig config, NormalizationPool pool, ArticleSink sink, IngestMetrics metrics, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.metrics = metrics.source("http", "push");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.auth = config.token().map(BearerAuth::new).orElse(null);
    this.tokenBytes = config.token().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    this.wrongTokens = new RejectionLog(clock, Duration.ofMinutes(1));
    // Bounds the memory of bodies read at once: each may hold up to maxBodyBytes.
    this.bodies = new Semaphore(config.threads());
  }

  /** Binds and starts serving. */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("push server already started on port " + port());
    }
    watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ingest-push-watchdog");
      t.setDaemon(true);
      return t;
    });
    server = HardenedHttpServer.start("ingest-push", config.host(), config.port(),
        HttpLimits.defaults().withHeaderTimeout(config.readTimeout()), new Routes());
    if (!config.pushEnabled()) {
      LOG.warn("HTTP push on port {} refuses all pushes: no token is configured and unauthenticated pushes are not allowed",
          port());
    } else if (config.token().isEmpty()) {
      LOG.warn("HTTP push on port {} accepts pushes WITHOUT authentication (cross-site browser requests are refused)",
          port());
    } else {
      LOG.info("HTTP push listening on {}:{}", config.host(), port());
    }
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.port();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      watchdog.shutdownNow();
      server = null;
    }
  }

  /** {@code POST /articles} and {@code GET /health}; nothing else. */
  private final class Routes extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      if (path.equals("/health")) {
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
          response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
          reply(request, response, callback, 405, Map.of("error", "use GET"));
        } else {
          reply(request, response, callback, 200, Map.of("status", "UP"));
        }
      } else if (path.equals("/articles")) {
        if (!HttpMethod.POST.is(method)) {
          response.getHeaders().put(HttpHeader.ALLOW, "POST");
          reply(request, response, callback, 405, Map.of("error", "use POST with a JSON article or array of articles"));
        } else {
          articles(request, response, callback);
        }
      } else {
        reply(request, response, callback, 404, Map.of("error", "not found; POST articles to /articles"));
      }
      return true;
    }
  }

  private void articles(Request request, Response response, Callback callback) {
    String client = client(request.getConnectionMetaData().getRemoteSocketAddress());
    if (!config.pushEnabled()) {
      refuseUnread(request, response, callback, 403, Map.of("error",
          "push is disabled: the server has no bearer token configured and unauthenticated pushes are not allowed"));
      return;
    }
    // A browser adds Origin to cross-site requests; no page of ours posts here, so any Origin is a
    // page of someone else's trying to use the visitor's network position (an open endpoint).
    if (request.getHeaders().get(HttpHeader.ORIGIN) != null) {
      LOG.warn("Refused a cross-site push from {}: browser requests from other sites are not accepted", client);
      refuseUnread(request, response, callback, 403, Map.of("error", "cross-site requests are refused; push from a server"));
      return;
    }
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth != null && !auth.accepts(authorization)) {
      long skipped = wrongTokens.record(authorization);
      if (skipped >= 0) {
        // The header's value is never logged or echoed: it may be a real token sent to the wrong server.
        LOG.warn("Rejected push from {}: missing or wrong bearer token{}", client,
            skipped == 0 ? "" : " (" + skipped + " more rejections of the same token were not logged)");
      }
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"newswatch\"");
      refuseUnread(request, response, callback, 401, Map.of("error", "missing or wrong bearer token"));
      return;
    }
    if (!isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
      refuseUnread(request, response, callback, 415, Map.of("error",
          "send the articles as Content-Type: application/json, got " + request.getHeaders().get(HttpHeader.CONTENT_TYPE)));
      return;
    }
    if (!acquire()) {
      refuseUnread(request, response, callback, 503, Map.of("error", "too many pushes at once; retry later"));
      return;
    }
    try {
      receive(request, response, callback, client);
    } finally {
      bodies.release();
    }
  }

  private boolean acquire() {
    try {
      return bodies.tryAcquire(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void receive(Request request, Response response, Callback callback, String client) {
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    boolean tooLarge = declared > config.maxBodyBytes();
    // Of a body declared too large only the prefix a dead letter keeps is read.
    long limit = tooLarge ? Math.min(declared, DeadLetters.MAX_PAYLOAD_BYTES) : config.maxBodyBytes() + 1;
    byte[] body;
    try {
      body = readBody(request, client, limit);
    } catch (IOException e) {
      callback.failed(e);
      return;
    }
    if (tooLarge || body.length > config.maxBodyBytes()) {
      String reason = tooLarge ? "body of " + declared + " bytes exceeds the limit of " + config.maxBodyBytes()
          : "body exceeds the limit of " + config.maxBodyBytes() + " bytes";
      refuseWhole(request, response, callback, client, 413, reason, body, tooLarge ? declared : -1);
      return;
    }
    metrics.fetched();
    metrics.bytes(body.length);
    handleJson(request, response, callback, body, client);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }

  /**
   * Reads at most {@code limit} bytes within the read timeout. Jetty's idle timeout restarts on
   * every byte, so a watchdog closes a connection whose body takes longer in total, which fails the
   * blocked read.
   */
  private byte[] readBody(Request request, String client, long limit) throws IOException {
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> guard = watchdog.schedule(() -> {
      expired.set(true);
      LOG.warn("Push from {} did not send its body within {}; closing the connection", client, config.readTimeout());
      request.getConnectionMetaData().getConnection().getEndPoint().close();
    }, config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] buffer = new byte[16 * 1024];
      int n;
      while (out.size() < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()))) != -1) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      if (!expired.get()) {
        LOG.info("Push from {}: body could not be read: {}", client, e.getMessage());
      }
      throw e;
    } finally {
      guard.cancel(false);
    }
    if (expired.get()) {
      throw new IOException("body not received within " + config.readTimeout());
    }
    return out.toByteArray();
  }

  private void handleJson(Request request, Response response, Callback callback, byte[] body, String client) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (IOException e) {
      String detail = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
      refuseWhole(request, response, callback, client, 400, "malformed JSON: " + detail, body, -1);
      return;
    }
    if (root == null || !(root.isObject() || root.isArray())) {
      refuseWhole(request, response, callback, client, 400, "expected a JSON article object or an array of them", body,
          -1);
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) {
      if (root.size() > config.maxBatchItems()) {
        refuseWhole(request, response, callback, client, 413, "batch of " + root.size()
            + " items exceeds the limit of " + config.maxBatchItems(), body, -1);
        return;
      }
      root.forEach(items::add);
    } else {
      items.add(root);
    }
    Map<String, String> provenance = Map.of("http.client", client);
    List<CompletableFuture<Outcome>> records = new ArrayList<>();
    boolean full = false;
    try {
      for (JsonNode item : items) {
        RawArticle raw;
        try {
          raw = withProvenance(reader.read(item, SourceType.HTTP, Map.of()), provenance);
        } catch (InvalidArticleException e) {
          records.add(sink.publish(deadLetter(client, item, e, provenance))
              .thenApply(v -> new Outcome.Rejected(e.getMessage())));
          continue;
        }
        Optional<CompletableFuture<Outcome>> record = pool.offer(
            new NormalizationPool.Task(raw, clock.instant(), e -> deadLetter(client, item, e, provenance)), QUEUE_WAIT);
        if (record.isEmpty()) {
          full = true;
          break;
        }
        records.add(record.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      full = true;
    } catch (RuntimeException e) { // the pool is closed: ingest is stopping
      LOG.warn("Push from {} arrived while ingest is stopping: {}", client, e.getMessage());
      full = true;
    }
    // 2xx only once Kafka acknowledged every record of the request: a crash before that loses nothing the
    // client believes accepted, since the client was not told so and retries.
    List<Map<String, Object>> accepted = new ArrayList<>();
    List<Map<String, Object>> rejected = new ArrayList<>();
    Throwable failure = null;
    for (int i = 0; i < records.size(); i++) {
      try {
        switch (records.get(i).join()) {
          case Outcome.Published p -> accepted.add(entry(i, "id", p.id()));
          case Outcome.Rejected r -> rejected.add(entry(i, "reason", r.reason()));
        }
      } catch (CompletionException | CancellationException e) {
        failure = failure == null ? (e.getCause() == null ? e : e.getCause()) : failure;
      }
    }
    if (failure != null || full) {
      if (failure != null) {
        LOG.error("Sink failed while taking a push from {}", client, failure);
      } else {
        LOG.warn("Push from {} refused after {} of {} items: the normalization queue is full", client, records.size(),
            items.size());
      }
      metrics.newArticles(accepted.size());
      metrics.rejected(rejected.size());
      response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
      reply(request, response, callback, 503, Map.of("error", failure != null
          ? "articles cannot be stored right now; retry later"
          : "ingest is busy (its queue is full); retry later", "accepted", accepted));
      return;
    }
    metrics.newArticles(accepted.size());
    metrics.rejected(rejected.size());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", accepted);
    answer.put("rejected", rejected);
    if (accepted.isEmpty()) {
      answer.put("error", items.isEmpty() ? "the array holds no article" : "no article of the request was accepted");
    }
    reply(request, response, callback, accepted.isEmpty() ? 422 : 202, answer);
  }

  private DeadLetter deadLetter(String client, JsonNode item, InvalidArticleException e, Map<String, String> provenance) {
    return DeadLetters.of("http:" + client, e.getMessage(), e, masked(item.toString().getBytes(StandardCharsets.UTF_8)),
        -1, provenance, clock.instant());
  }

  /** The article with the server's provenance; a client's own values for provenance keys are dropped. */
  private static RawArticle withProvenance(RawArticle raw, Map<String, String> provenance) {
    Map<String, String> attributes = new HashMap<>();
    raw.attributes().forEach((k, v) -> {
      if (!isProvenance(k)) {
        attributes.put(k, v);
      }
    });
    attributes.putAll(provenance);
    return new RawArticle(raw.url(), raw.canonicalUrl(), raw.title(), raw.body(), raw.publishedAt(), raw.langHint(),
        raw.source(), raw.sourceType(), attributes);
  }

  private static boolean isProvenance(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return PROVENANCE_KEYS.contains(k) || PROVENANCE_PREFIXES.stream().anyMatch(k::startsWith);
  }

  /** Answers {@code status} and dead-letters the body with the reason. */
  private void refuseWhole(Request request, Response response, Callback callback, String client, int status,
      String reason, byte[] body, long originalSize) {
    sink.reject(DeadLetters.of("http:" + client, reason, null, masked(body), originalSize,
        Map.of("http.client", client, "http.status", Integer.toString(status)), clock.instant()));
    metrics.rejected(1);
    reply(request, response, callback, status, Map.of("error", reason));
  }

  /** The body with the configured token replaced: a client may have pasted it into the JSON. */
  private byte[] masked(byte[] body) {
    if (tokenBytes == null || body.length < tokenBytes.length) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    int i = 0;
    while (i < body.length) {
      if (i <= body.length - tokenBytes.length && regionEquals(body, i)) {
        out.writeBytes("***".getBytes(StandardCharsets.US_ASCII));
        i += tokenBytes.length;
      } else {
        out.write(body[i++]);
      }
    }
    return out.toByteArray();
  }

  private boolean regionEquals(byte[] body, int from) {
    for (int j = 0; j < tokenBytes.length; j++) {
      if (body[from + j] != tokenBytes[j]) {
        return false;
      }
    }
    return true;
  }

  private static String client(SocketAddress address) {
    return address instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress()
        : String.valueOf(address);
  }

  private static Map<String, Object> entry(int index, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    m.put(key, value);
    return m;
  }

  /**
   * A refusal sent before the request's body is read. Jetty cannot reuse a connection with an unread
   * body and closes it after the response; said in the response, the client opens a new connection
   * for its next request instead of sending it down the closed one (java.net.http sends headers and
   * body apart, so the body is often not there yet).
   */
  private void refuseUnread(Request request, Response response, Callback callback, int status, Map<String, ?> payload) {
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    reply(request, response, callback, status, payload);
  }

  private void reply(Request request, Response response, Callback callback, int status, Map<String, ?> payload) {
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(payload);
    } catch (JacksonException e) {
      callback.failed(e);
      return;
    }
    HttpReplies.send(request, response, callback, status, JSON, bytes);
  }
}
