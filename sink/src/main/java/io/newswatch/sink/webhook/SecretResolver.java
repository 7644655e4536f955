package io.newswatch.sink.webhook;

import java.util.Map;
import java.util.Optional;

/** Looks up a webhook signing secret by the name in a subscription's {@code secretRef}. */
@FunctionalInterface
public interface SecretResolver {

  /** The secret named {@code ref}, if it is set and not blank. */
  Optional<String> secret(String ref);

  /** Reads secrets from environment variables, as compose and systemd set them. */
  static SecretResolver environment() {
    return ref -> Optional.ofNullable(System.getenv(ref)).filter(v -> !v.isBlank());
  }

  /** Reads secrets from a fixed map; for tests and for the CLI's --secret flags. */
  static SecretResolver of(Map<String, String> secrets) {
    Map<String, String> copy = Map.copyOf(secrets);
    return ref -> Optional.ofNullable(copy.get(ref)).filter(v -> !v.isBlank());
  }
}
