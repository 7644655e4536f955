package io.newswatch.sink.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertChannel;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.DeliveryKey;
import io.newswatch.sink.DeliveryResult;
import io.newswatch.sink.FileTargets;
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
  private final boolean groupCommit;
  private final ConcurrentMap<Path, JsonlDirectory> directories = new ConcurrentHashMap<>();
  private final FileTargets targets;

  /** Fsyncs each line before its delivery completes. */
  public JsonlFileChannel(JsonlFileConfig config) {
    this(config, false);
  }

  /** Fsyncs each line before its delivery completes; writes only where {@code targets} allow. */
  public JsonlFileChannel(JsonlFileConfig config, FileTargets targets) {
    this(config, false, targets);
  }

  /**
   * With {@code groupCommit}, deliveries complete at the next {@link #flush()}, which fsyncs each
   * directory once for all the lines written since: what the delivery loop uses, one fsync per poll.
   */
  public JsonlFileChannel(JsonlFileConfig config, boolean groupCommit) {
    this(config, groupCommit, null);
  }

  /**
   * As {@link #JsonlFileChannel(JsonlFileConfig, boolean)}, and a target is checked against
   * {@code targets} again when its directory is opened: a link created at the target after the
   * subscription was accepted must not lead the writes out of the allowed directories.
   */
  public JsonlFileChannel(JsonlFileConfig config, boolean groupCommit, FileTargets targets) {
    this.config = config;
    this.groupCommit = groupCommit;
    this.targets = targets;
  }

  @Override
  public CompletableFuture<DeliveryResult> deliver(Subscription subscription, Alert alert) {
    String key = DeliveryKey.of(subscription, alert);
    try {
      JsonlDirectory directory = directory(subscription.getTarget());
      Instant at = config.clock().instant();
      ObjectNode envelope = AlertJson.envelope(key, subscription.getId(), alert);
      envelope.put(JsonlDirectory.DELIVERED_AT, at.toString());
      if (groupCommit) {
        return directory.appendDeferred(key, AlertJson.bytes(envelope), at).handle((written, e) -> e == null
            ? (written ? DeliveryResult.delivered(key, 1) : DeliveryResult.alreadyDelivered(key))
            : failed(key, subscription, e));
      }
      boolean written = directory.append(key, AlertJson.bytes(envelope), at);
      return CompletableFuture.completedFuture(
          written ? DeliveryResult.delivered(key, 1) : DeliveryResult.alreadyDelivered(key));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Writing {} to {} failed", key, subscription.getTarget(), e);
      return CompletableFuture.completedFuture(DeliveryResult.failed(key, 1,
          "cannot write to " + subscription.getTarget() + ": " + e));
    }
  }

  private static DeliveryResult failed(String key, Subscription subscription, Throwable e) {
    LOG.warn("Writing {} to {} failed", key, subscription.getTarget(), e);
    return DeliveryResult.failed(key, 1, "cannot write to " + subscription.getTarget() + ": " + e);
  }

  /** Makes the lines written since the last flush durable, one fsync per directory, and completes their deliveries. */
  @Override
  public void flush() {
    directories.values().forEach(JsonlDirectory::sync);
  }

  /** How many fsyncs of alert lines the target directory has done (opening it if needed). */
  public long syncs(String target) throws IOException {
    return directory(target).syncs();
  }

  /** How many delivered keys the target directory holds (opening it if needed). */
  public int deliveredCount(String target) throws IOException {
    return directory(target).size();
  }

  private JsonlDirectory directory(String name) throws IOException {
    if ((name == null || name.isBlank()) && targets == null) {
      throw new IOException("a FILE subscription without a target writes into sink.file.dir, which this channel was not given");
    }
    Path target = targets == null ? Path.of(name) : targets.resolve(name);
    Path key = target.toAbsolutePath().normalize();
    JsonlDirectory existing = directories.get(key);
    if (existing != null) {
      return existing;
    }
    synchronized (directories) {
      JsonlDirectory again = directories.get(key);
      if (again == null) {
        if (targets != null) {
          var problem = targets.problem(target.toString());
          if (problem.isPresent()) {
            throw new IOException("refused: " + problem.get());
          }
        }
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
