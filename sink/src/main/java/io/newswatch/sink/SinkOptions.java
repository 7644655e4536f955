package io.newswatch.sink;

import io.newswatch.runtime.ManagementServer;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.sink.webhook.SecretResolver;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a caller plugs into a {@link SinkService} besides its config.
 *
 * @param onAlert called once per consumed alert, after its deliveries finished and before its offset
 *     is committed (so again on a replay); {@code newswatch run} prints alerts with it. Exceptions it
 *     throws are logged and ignored.
 * @param secrets where webhook signing secrets are looked up
 * @param management a management server shared with other services in the process, or null for the
 *     sink to start its own on {@link SinkConfig#managementPort()}
 */
public record SinkOptions(Consumer<Alert> onAlert, SecretResolver secrets, ManagementServer management) {

  public SinkOptions {
    Objects.requireNonNull(onAlert, "onAlert");
    Objects.requireNonNull(secrets, "secrets");
  }

  /** No terminal hook, secrets from environment variables, an own management server. */
  public static SinkOptions defaults() {
    return new SinkOptions(alert -> { }, SecretResolver.environment(), null);
  }

  /** A copy with this alert hook. */
  public SinkOptions withOnAlert(Consumer<Alert> hook) {
    return new SinkOptions(hook, secrets, management);
  }

  /** A copy with this secret lookup. */
  public SinkOptions withSecrets(SecretResolver resolver) {
    return new SinkOptions(onAlert, resolver, management);
  }

  /** A copy that registers its metrics and readiness on this shared server. */
  public SinkOptions withManagement(ManagementServer server) {
    return new SinkOptions(onAlert, secrets, server);
  }
}
