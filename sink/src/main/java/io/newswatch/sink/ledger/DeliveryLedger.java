package io.newswatch.sink.ledger;

/** A durable set of delivery keys that reached their endpoint. Implementations are thread-safe. */
public interface DeliveryLedger extends AutoCloseable {

  /** True if {@code key} was recorded. */
  boolean contains(String key);

  /** Records {@code key}; it is durable when this returns. Recording twice is harmless. */
  void record(String key);

  /** How many keys are recorded. */
  int size();

  @Override
  void close();
}
