package io.newswatch.sink.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook endpoint for tests: checks the HMAC, records what it accepted, and can fail or hang on cue. */
public final class WebhookReceiver implements AutoCloseable {

  /** One request that the receiver answered with 2xx. */
  public record Accepted(String idempotencyKey, String alertId, String body) {
  }

  private final String secret;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Accepted> accepted = new ArrayList<>();
  private final ConcurrentLinkedQueue<Integer> scripted = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hang;
  private volatile boolean drip;

  public WebhookReceiver(String secret) throws IOException {
    this.secret = secret;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/hook", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Answer the next requests with these statuses, then 200 again. */
  public void script(int... statuses) {
    for (int s : statuses) {
      scripted.add(s);
    }
  }

  /** Never answer, as a dead endpoint that accepts connections. */
  public void hang() {
    hang = true;
  }

  /** Accept, send 200 and a long body's headers, then the body a byte at a time: a stalled receiver. */
  public void drip() {
    drip = true;
  }

  public int requests() {
    return requests.get();
  }

  public int badSignatures() {
    return badSignatures.get();
  }

  public List<Accepted> accepted() {
    synchronized (accepted) {
      return List.copyOf(accepted);
    }
  }

  public List<String> acceptedKeys() {
    return accepted().stream().map(Accepted::idempotencyKey).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (hang) {
        release.await();
        return;
      }
      String signature = exchange.getRequestHeaders().getFirst("X-Newswatch-Signature");
      if (!HmacSigner.signature(secret, body).equals(signature)) {
        badSignatures.incrementAndGet();
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      Integer status = scripted.poll();
      int code = status == null ? 200 : status;
      if (code >= 200 && code < 300) {
        synchronized (accepted) {
          accepted.add(new Accepted(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
              exchange.getRequestHeaders().getFirst("X-Newswatch-Alert-Id"),
              new String(body, StandardCharsets.UTF_8)));
        }
      }
      if (drip) {
        exchange.sendResponseHeaders(code, 1_000_000);
        var out = exchange.getResponseBody();
        while (release.getCount() > 0) {
          out.write('.');
          out.flush();
          release.await(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return;
      }
      exchange.sendResponseHeaders(code, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
