package io.newswatch.sink.webhook;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.DeliveryKey;
import io.newswatch.sink.DeliveryResult;
import io.newswatch.sink.ledger.DeliveryLedger;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends one delivery to one endpoint, retrying with backoff, and records it in the ledger on success. */
public final class WebhookSender {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  private final HttpClient client;
  private final WebhookConfig config;
  private final DeliveryLedger ledger;
  private final SecretResolver secrets;

  WebhookSender(HttpClient client, WebhookConfig config, DeliveryLedger ledger, SecretResolver secrets) {
    this.client = client;
    this.config = config;
    this.ledger = ledger;
    this.secrets = secrets;
  }

  DeliveryResult send(Subscription subscription, Alert alert) {
    String key = DeliveryKey.of(subscription, alert);
    if (ledger.contains(key)) {
      return DeliveryResult.alreadyDelivered(key);
    }
    String endpoint = redacted(subscription.getTarget());
    String ref = subscription.getSecretRef();
    Optional<String> secret = ref == null ? Optional.empty() : secrets.secret(ref);
    if (secret.isEmpty()) {
      String reason = "the signing secret is missing: set environment variable '" + ref
          + "' named by secretRef of subscription " + subscription.getId();
      LOG.warn("Webhook delivery {} to {} not attempted: {}", key, endpoint, reason);
      return DeliveryResult.failed(key, 0, reason);
    }
    byte[] body = AlertJson.bytes(AlertJson.envelope(key, subscription.getId(), alert));
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(subscription.getTarget()))
          .timeout(config.requestTimeout())
          .header("Content-Type", "application/json; charset=utf-8")
          .header("User-Agent", "newswatch-sink")
          .header("X-Newswatch-Signature", HmacSigner.signature(secret.get(), body))
          .header("Idempotency-Key", key)
          .header("X-Newswatch-Alert-Id", alert.getAlertId())
          .header("X-Newswatch-Subscription-Id", subscription.getId())
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
    } catch (IllegalArgumentException e) {
      return DeliveryResult.failed(key, 0, "the target is not a usable URL: " + endpoint);
    }
    return attempt(key, endpoint, request, secret.get());
  }

  private DeliveryResult attempt(String key, String endpoint, HttpRequest request, String secret) {
    String reason = "";
    long start = System.nanoTime();
    int attempt = 0;
    while (true) {
      attempt++;
      try {
        // The request timeout ends when the headers arrive: a body read to its end could stall for ever (a
        // receiver that sends its headers and then a byte a second). The status is the answer; the body is
        // closed unread, which drops the connection when the receiver has more to send.
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          ledger.record(key);
          if (attempt > 1) {
            LOG.info("Webhook delivery {} to {} succeeded on attempt {}", key, endpoint, attempt);
          }
          return DeliveryResult.delivered(key, attempt);
        }
        reason = "HTTP " + status + " from " + endpoint;
        if (!retryable(status)) {
          LOG.warn("Webhook delivery {} rejected: {}; not retrying {}", key, reason,
              status < 400 ? "(redirects are not followed)" : "a client error");
          return DeliveryResult.failed(key, attempt, reason + " (not retried)");
        }
      } catch (IOException e) {
        reason = scrub(e.getClass().getSimpleName() + describe(e), secret) + " from " + endpoint;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return DeliveryResult.failed(key, attempt, "interrupted: the sink is shutting down");
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (!config.mayRetry(attempt, elapsed)) {
        break;
      }
      Duration wait = jittered(attempt);
      // The first failures are routine; a long outage is logged at its start and then every 10th try.
      if (attempt <= 3 || attempt % 10 == 0) {
        LOG.info("Webhook delivery {} attempt {} failed ({}); retrying in {} ms, for up to {} in all",
            key, attempt, reason, wait.toMillis(), config.retryFor());
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return DeliveryResult.failed(key, attempt, "interrupted: the sink is shutting down; last error " + reason);
      }
    }
    String message = reason + " after " + attempt + " attempts in "
        + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s";
    LOG.warn("Webhook delivery {} failed: {}", key, message);
    return DeliveryResult.failed(key, attempt, message);
  }

  /** Full jitter spreads the retries of many subscribers so a recovering endpoint is not stampeded. */
  private Duration jittered(int attempt) {
    long cap = config.backoffCap(attempt).toMillis();
    return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
  }

  private static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? "" : ": " + e.getMessage();
  }

  /** Belt and braces: nothing we build contains the secret, but an exception text could echo input. */
  private static String scrub(String text, String secret) {
    return text.replace(secret, "***");
  }

  /**
   * Scheme, host and port only: webhook URLs often carry a secret in the path (Slack-style hooks)
   * or the query, so neither is ever logged.
   */
  public static String redacted(String target) {
    try {
      URI uri = URI.create(target);
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      boolean more = (uri.getRawPath() != null && uri.getRawPath().length() > 1) || uri.getRawQuery() != null;
      return uri.getScheme() + "://" + uri.getHost() + port + (more ? "/…" : "");
    } catch (IllegalArgumentException | NullPointerException e) {
      return "<invalid URL>";
    }
  }
}
