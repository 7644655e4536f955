package io.newswatch.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook endpoint that keeps the receiver's side of the contract: it checks the HMAC signature
 * (computed here independently of the sink's signer), answers 200, and counts each
 * {@code Idempotency-Key} it accepted, so duplicates by key and raw repeated POSTs can be told apart.
 */
final class WebhookRecorder implements AutoCloseable {
  private final byte[] secret;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private final AtomicInteger missingKeys = new AtomicInteger();
  private final int status;

  /** A receiver that accepts every correctly signed POST with 200. */
  WebhookRecorder(String secret) throws IOException {
    this(secret, 200);
  }

  /** A receiver that answers every correctly signed POST with {@code status}, e.g. 500 for a broken endpoint. */
  WebhookRecorder(String secret, int status) throws IOException {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.status = status;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.setExecutor(executor);
    server.createContext("/hook", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String signature = exchange.getRequestHeaders().getFirst("X-Newswatch-Signature");
      if (signature == null || !MessageDigest.isEqual(expected(body), signature.getBytes(StandardCharsets.US_ASCII))) {
        badSignatures.incrementAndGet();
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      if (key == null || key.isBlank()) {
        missingKeys.incrementAndGet();
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      if (status >= 200 && status < 300) {
        posts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      }
      exchange.sendResponseHeaders(status, -1);
    }
  }

  private byte[] expected(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }

  /** Accepted POSTs per Idempotency-Key. */
  Map<String, Integer> postsByKey() {
    Map<String, Integer> out = new java.util.HashMap<>();
    posts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  int distinctKeys() {
    return posts.size();
  }

  int requests() {
    return requests.get();
  }

  int badSignatures() {
    return badSignatures.get();
  }

  int missingKeys() {
    return missingKeys.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
