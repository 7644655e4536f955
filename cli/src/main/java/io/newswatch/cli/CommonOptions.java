package io.newswatch.cli;

import io.newswatch.runtime.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every service command shares: the config file, overrides, and where Kafka and the registry are. */
public final class CommonOptions {
  @Option(names = {"-c", "--config"}, description = "Properties or YAML config file.")
  Path configFile;

  @Option(names = {"-s", "--set"}, description = "Override a setting: --set key=value (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (kafka.bootstrap.servers).")
  String bootstrapServers;

  @Option(names = "--registry-url", description = "Schema registry Confluent API URL (registry.url).")
  String registryUrl;

  /** Defaults, then the file, then NEWSWATCH_* variables, then flags. */
  public Settings settings(Map<String, String> defaults) {
    Map<String, String> flags = new LinkedHashMap<>(overrides);
    if (bootstrapServers != null) {
      flags.put(Settings.BOOTSTRAP, bootstrapServers);
    }
    if (registryUrl != null) {
      flags.put(Settings.REGISTRY_URL, registryUrl);
    }
    return Settings.load(defaults, configFile, System.getenv(), flags);
  }
}
