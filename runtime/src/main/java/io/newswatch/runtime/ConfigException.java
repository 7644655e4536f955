package io.newswatch.runtime;

/** Invalid configuration, naming the key at fault; raised at start, before anything runs. */
public final class ConfigException extends IllegalArgumentException {
  private final String key;

  public ConfigException(String key, String problem) {
    super("invalid configuration: '" + key + "' " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
