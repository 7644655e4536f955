package io.newswatch.cli;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.tagging.TaxonomyLoader;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.feed.FeedsConfigLoader;
import io.newswatch.runtime.ConfigException;
import io.newswatch.runtime.Settings;
import io.newswatch.sink.SinkConfig;
import io.newswatch.sink.subscription.SubscriptionSeedLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks every setting, file and folder a stage will use, before anything starts: a bad value, a
 * missing feeds file or an unwritable state folder fails in a second with the key that names it,
 * not after the broker, registry and sink have come up.
 */
final class StartupCheck {
  private StartupCheck() {}

  /** The stages' configs of a whole-pipeline run, each already checked. */
  record Checked(EnrichConfig enrich, IngestConfig ingest, SinkConfig sink) {}

  static Checked all(Settings s) {
    managementPort(s);
    return new Checked(enrich(s), ingest(s), sink(s));
  }

  static int managementPort(Settings s) {
    return s.getInt(Settings.MANAGEMENT_PORT, -1, 65535);
  }

  static EnrichConfig enrich(Settings s) {
    EnrichConfig c = EnrichConfig.from(s);
    if (c.taxonomyFile() != null) {
      readableFile(EnrichConfig.TAXONOMY, c.taxonomyFile());
      taxonomy(c.taxonomyFile());
    }
    writableFolder(EnrichConfig.STATE_DIR, c.stateDir());
    return c;
  }

  static IngestConfig ingest(Settings s) {
    IngestConfig c = IngestConfig.from(s);
    if (c.feedsFile() != null) {
      readableFile(IngestConfig.FEEDS, c.feedsFile());
      try {
        new FeedsConfigLoader().load(c.feedsFile());
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(IngestConfig.FEEDS, "is not a valid feeds file: " + e.getMessage()
            + " (format: docs/feeds.md)");
      }
    }
    if (c.watchDir() != null && !Files.isDirectory(c.watchDir())) {
      throw new ConfigException(IngestConfig.WATCH_DIR, "must be an existing folder, got '" + c.watchDir() + "'");
    }
    writableFolder(IngestConfig.STATE_DIR, c.stateDir());
    return c;
  }

  static SinkConfig sink(Settings s) {
    SinkConfig c = SinkConfig.from(s);
    if (c.subscriptionsSeed() != null) {
      readableFile(SinkConfig.SEED, c.subscriptionsSeed());
      try {
        SubscriptionSeedLoader.load(c.subscriptionsSeed());
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(SinkConfig.SEED, "is not a valid subscriptions file: " + e.getMessage());
      }
    }
    writableFolder(SinkConfig.FILE_DIR, c.fileDir());
    writableFolder(SinkConfig.STATE_DIR, c.stateDir());
    return c;
  }

  private static void taxonomy(Path file) {
    try {
      TaxonomyLoader.load(file);
    } catch (RuntimeException e) {
      throw new ConfigException(EnrichConfig.TAXONOMY, "cannot be loaded from " + file + ": " + e.getMessage());
    }
  }

  /** {@code file}, once checked with {@link #readableFile}. */
  static Path readable(String key, Path file) {
    readableFile(key, file);
    return file;
  }

  static void readableFile(String key, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(key, "names a file that does not exist: '" + file.toAbsolutePath() + "'");
    }
    if (!Files.isReadable(file)) {
      throw new ConfigException(key, "names a file this user cannot read: '" + file.toAbsolutePath() + "'");
    }
  }

  /** The folder exists and is writable, or can be created: its nearest existing parent is a writable folder. */
  static void writableFolder(String key, Path dir) {
    Path p = dir.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null || !Files.isDirectory(p)) {
      throw new ConfigException(key, "must be a folder, but '" + p + "' is a file (from '" + dir + "')");
    }
    if (!Files.isWritable(p)) {
      throw new ConfigException(key, "must be a folder this user can write, but '" + p + "' is not writable");
    }
  }
}
