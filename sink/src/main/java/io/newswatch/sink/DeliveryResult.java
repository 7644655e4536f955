package io.newswatch.sink;

import java.util.Objects;

/**
 * What became of one delivery.
 *
 * @param deliveryKey the {@link DeliveryKey} of the delivery
 * @param outcome delivered now, delivered before (skipped), or failed
 * @param attempts how many times the endpoint was tried in this call (0 when skipped)
 * @param detail why it failed, or a short note; never contains a secret
 */
public record DeliveryResult(String deliveryKey, Outcome outcome, int attempts, String detail) {

  /** The three ends of a delivery. */
  public enum Outcome {
    /** Written to the endpoint in this call. */
    DELIVERED,
    /** Found already delivered (a replay), so nothing was written. */
    ALREADY_DELIVERED,
    /** Not delivered; the caller sends the alert to the dead-letter topic. */
    FAILED
  }

  public DeliveryResult {
    Objects.requireNonNull(deliveryKey, "deliveryKey");
    Objects.requireNonNull(outcome, "outcome");
    detail = detail == null ? "" : detail;
  }

  /** A delivery that reached the endpoint after {@code attempts} tries. */
  public static DeliveryResult delivered(String key, int attempts) {
    return new DeliveryResult(key, Outcome.DELIVERED, attempts, "");
  }

  /** A delivery skipped because the endpoint already has it. */
  public static DeliveryResult alreadyDelivered(String key) {
    return new DeliveryResult(key, Outcome.ALREADY_DELIVERED, 0, "already delivered");
  }

  /** A delivery that failed for {@code reason}. */
  public static DeliveryResult failed(String key, int attempts, String reason) {
    return new DeliveryResult(key, Outcome.FAILED, attempts, reason);
  }

  /** True unless the delivery failed: the offset may be committed. */
  public boolean succeeded() {
    return outcome != Outcome.FAILED;
  }
}
