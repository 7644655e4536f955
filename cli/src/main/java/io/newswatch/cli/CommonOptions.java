package io.newswatch.cli;

import io.newswatch.runtime.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that talks to a cluster shares: the config file, overrides, and where Kafka and the registry are. */
public final class CommonOptions extends ConfigOptions {
  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (kafka.bootstrap.servers).")
  String bootstrapServers;

  @Option(names = "--registry-url", description = "Schema registry Confluent API URL (registry.url).")
  String registryUrl;

  /** Defaults, then the file, then NEWSWATCH_* variables, then flags; unknown keys fail with a suggestion. */
  public Settings settings(Map<String, String> defaults) {
    Map<String, String> flags = new LinkedHashMap<>();
    if (bootstrapServers != null) {
      flags.put(Settings.BOOTSTRAP, bootstrapServers);
    }
    if (registryUrl != null) {
      flags.put(Settings.REGISTRY_URL, registryUrl);
    }
    return settings(defaults, flags);
  }
}
