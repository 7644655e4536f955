package io.newswatch.sink;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each delivery to the channel of its subscription's kind (FILE, WEBHOOK, POSTGRES, LIVE). */
public final class ChannelRouter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelRouter.class);

  private final Map<Channel, AlertChannel> channels;

  /** Routes to these channels; a kind left out fails its deliveries with a clear reason. */
  public ChannelRouter(Map<Channel, ? extends AlertChannel> channels) {
    this.channels = new EnumMap<>(Channel.class);
    this.channels.putAll(channels);
  }

  /** Delivers through the subscription's channel; never completes exceptionally. */
  public CompletableFuture<DeliveryResult> deliver(Subscription subscription, Alert alert) {
    AlertChannel channel = channels.get(subscription.getChannel());
    String key = DeliveryKey.of(subscription, alert);
    if (channel == null) {
      return CompletableFuture.completedFuture(DeliveryResult.failed(key, 0, "no " + subscription.getChannel()
          + " channel is configured in this sink; enable it or change subscription " + subscription.getId()));
    }
    try {
      return channel.deliver(subscription, alert)
          .exceptionally(e -> DeliveryResult.failed(key, 0, "channel error: " + e.getClass().getSimpleName()));
    } catch (RuntimeException e) {
      LOG.warn("Channel {} threw on {}", subscription.getChannel(), key, e);
      return CompletableFuture.completedFuture(DeliveryResult.failed(key, 0,
          "channel error: " + e.getClass().getSimpleName()));
    }
  }

  /**
   * Delivers one alert to all these subscriptions at once; completes, in subscription order, when
   * every delivery has. Commit the alert's offset only after this completes.
   */
  public CompletableFuture<List<DeliveryResult>> deliverAll(List<Subscription> subscriptions, Alert alert) {
    List<CompletableFuture<DeliveryResult>> futures = subscriptions.stream().map(s -> deliver(s, alert)).toList();
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
  }

  /** Lets every channel complete the deliveries it batched; a failing channel fails only its own. */
  public void flush() {
    channels.values().forEach(c -> {
      try {
        c.flush();
      } catch (RuntimeException e) {
        LOG.warn("Flushing a channel failed", e);
      }
    });
  }

  /** Tells every channel that a subscription was removed. */
  public void forget(String subscriptionId) {
    channels.values().forEach(c -> c.forget(subscriptionId));
  }

  /** Closes every channel. */
  @Override
  public void close() {
    channels.values().forEach(c -> {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing a channel failed", e);
      }
    });
  }
}
