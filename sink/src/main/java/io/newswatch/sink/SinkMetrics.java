package io.newswatch.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.sink.DeliveryResult.Outcome;
import java.util.Locale;

/** The sink's Micrometer counters; names start with {@code newswatch.sink}. */
public final class SinkMetrics {

  /** Deliveries, tagged {@code channel} (file, webhook, postgres, live) and {@code outcome}. */
  public static final String DELIVERIES = "newswatch.sink.deliveries";
  /** Alert records read from the alerts topic and decoded. */
  public static final String ALERTS = "newswatch.sink.alerts";
  /** Records of the alerts topic that could not be decoded; each went to the dead-letter topic. */
  public static final String POISON = "newswatch.sink.poison";
  /** Records written to the dead-letter topic. */
  public static final String DEAD_LETTERS = "newswatch.sink.dead.letters";
  /** Records of the subscriptions topic that were ignored as undecodable or invalid. */
  public static final String SUBSCRIPTIONS_REJECTED = "newswatch.sink.subscriptions.rejected";

  private final MeterRegistry registry;

  public SinkMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The registry the counters live in. */
  public MeterRegistry registry() {
    return registry;
  }

  void delivery(Channel channel, Outcome outcome) {
    Counter.builder(DELIVERIES)
        .tag("channel", channel.name().toLowerCase(Locale.ROOT))
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry).increment();
  }

  void alert() {
    registry.counter(ALERTS).increment();
  }

  void poison() {
    registry.counter(POISON).increment();
  }

  void deadLetters(int count) {
    registry.counter(DEAD_LETTERS).increment(count);
  }

  void subscriptionRejected() {
    registry.counter(SUBSCRIPTIONS_REJECTED).increment();
  }

  /** The count of one delivery outcome on one channel so far. */
  public double deliveries(Channel channel, Outcome outcome) {
    Counter c = registry.find(DELIVERIES).tag("channel", channel.name().toLowerCase(Locale.ROOT))
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).counter();
    return c == null ? 0 : c.count();
  }

  /** The count of a plain counter, e.g. {@link #ALERTS} or {@link #POISON}. */
  public double count(String name) {
    Counter c = registry.find(name).counter();
    return c == null ? 0 : c.count();
  }
}
