package io.newswatch.sink.ledger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A ledger that forgets on restart: for tests and for endpoints that dedupe by themselves. */
public final class InMemoryDeliveryLedger implements DeliveryLedger {

  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  @Override
  public boolean contains(String key) {
    return keys.contains(key);
  }

  @Override
  public void record(String key) {
    keys.add(key);
  }

  @Override
  public int size() {
    return keys.size();
  }

  @Override
  public void close() {
    // Nothing to release: the keys live on the heap.
  }
}
