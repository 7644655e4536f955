package io.newswatch.cli;

import io.newswatch.runtime.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The one way every command takes configuration: a file, then {@code --set key=value} overrides. */
public class ConfigOptions {
  @Option(names = {"-c", "--config"}, description = "Properties or YAML config file.")
  Path configFile;

  @Option(names = {"-s", "--set"}, description = "Override a setting: --set key=value (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * Defaults, then the file, then NEWSWATCH_* variables, then {@code --set} and the command's own {@code flags}; every key
   * is checked, so a misspelled one fails here, before anything starts.
   */
  Settings settings(Map<String, String> defaults, Map<String, String> flags) {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    all.putAll(flags);
    return ConfigKeys.checked(Settings.load(defaults, configFile, System.getenv(), all));
  }
}
