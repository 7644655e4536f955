package io.newswatch.sink.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertChannel;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.DeliveryKey;
import io.newswatch.sink.DeliveryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts as JSON lines into the directory named by each subscription's target, effectively
 * once: the line is fsynced before success is reported, and a key already in the files is skipped.
 * Lines are appended to {@code <target>/<prefix>.jsonl}, rotated by day and size (see {@link JsonlDirectory}).
 */
public final class JsonlFileChannel implements AlertChannel {

  private static final Logger LOG = LoggerFactory.getLogger(JsonlFileChannel.class);

  private final JsonlFileConfig config;
  private final ConcurrentMap<Path, JsonlDirectory> directories = new ConcurrentHashMap<>();

  public JsonlFileChannel(JsonlFileConfig config) {
    this.config = config;
  }

  @Override
  public CompletableFuture<DeliveryResult> deliver(Subscription subscription, Alert alert) {
    String key = DeliveryKey.of(subscription, alert);
    try {
      JsonlDirectory directory = directory(Path.of(subscription.getTarget()));
      Instant at = config.clock().instant();
      ObjectNode envelope = AlertJson.envelope(key, subscription.getId(), alert);
      envelope.put(JsonlDirectory.DELIVERED_AT, at.toString());
      boolean written = directory.append(key, AlertJson.bytes(envelope), at);
      return CompletableFuture.completedFuture(
          written ? DeliveryResult.delivered(key, 1) : DeliveryResult.alreadyDelivered(key));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Writing {} to {} failed", key, subscription.getTarget(), e);
      return CompletableFuture.completedFuture(DeliveryResult.failed(key, 1,
          "cannot write to " + subscription.getTarget() + ": " + e));
    }
  }

  /** How many delivered keys the target directory holds (opening it if needed). */
  public int deliveredCount(String target) throws IOException {
    return directory(Path.of(target)).size();
  }

  private JsonlDirectory directory(Path target) throws IOException {
    Path key = target.toAbsolutePath().normalize();
    JsonlDirectory existing = directories.get(key);
    if (existing != null) {
      return existing;
    }
    synchronized (directories) {
      JsonlDirectory again = directories.get(key);
      if (again == null) {
        again = JsonlDirectory.open(key, config);
        directories.put(key, again);
      }
      return again;
    }
  }

  @Override
  public void close() {
    directories.values().forEach(JsonlDirectory::close);
    directories.clear();
  }
}
