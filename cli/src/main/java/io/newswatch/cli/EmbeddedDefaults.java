package io.newswatch.cli;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.platform.PlatformConfig;
import io.newswatch.runtime.Settings;
import io.newswatch.sink.SinkConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The defaults of every stage for a run on the embedded platform, with all state under one folder. */
final class EmbeddedDefaults {
  private EmbeddedDefaults() {}

  static Map<String, String> of(PlatformConfig platform, Path data) {
    Map<String, String> d = new HashMap<>();
    d.putAll(EnrichConfig.defaults());
    d.putAll(IngestConfig.defaults());
    d.putAll(SinkConfig.defaults());
    d.put(Settings.BOOTSTRAP, platform.bootstrapServers());
    d.put(Settings.REGISTRY_URL, platform.registryUrl());
    // The embedded platform registers its own schemas; production turns this off.
    d.put(Settings.REGISTRY_AUTO_REGISTER, "true");
    d.put(EnrichConfig.STATE_DIR, data.resolve("streams").toString());
    d.put(IngestConfig.STATE_DIR, data.resolve("ingest").toString());
    d.put(SinkConfig.FILE_DIR, data.toString());
    d.put(SinkConfig.STATE_DIR, data.resolve("sink").toString());
    return d;
  }
}
