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
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

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

  /**
   * The {@code kafka.*} values as the Kafka clients will parse them (a type or range error, e.g.
   * {@code kafka.acks=some}), so they fail here and not when a stage creates its first client.
   */
  static Properties kafka(Settings s) {
    Properties kafka = s.kafkaProperties();
    Map<String, Object> consumer = new HashMap<>();
    kafka.forEach((k, v) -> consumer.put(k.toString(), v));
    Map<String, Object> producer = new HashMap<>(consumer);
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try {
      new ConsumerConfig(consumer);
      new ProducerConfig(producer);
    } catch (org.apache.kafka.common.config.ConfigException e) {
      String name = e.getMessage() == null ? "" : e.getMessage().replaceAll("(?s).*for configuration ([^:\\s]+).*", "$1");
      throw new ConfigException(name.isBlank() || name.equals(e.getMessage()) ? "kafka.*" : "kafka." + name,
          "is rejected by the Kafka clients: " + e.getMessage());
    }
    return kafka;
  }

  static int managementPort(Settings s) {
    return s.getInt(Settings.MANAGEMENT_PORT, -1, 65535);
  }

  static EnrichConfig enrich(Settings s) {
    kafka(s);
    EnrichConfig c = EnrichConfig.from(s);
    if (c.taxonomyFile() != null) {
      readableFile(EnrichConfig.TAXONOMY, c.taxonomyFile());
      taxonomy(c.taxonomyFile());
    }
    writableFolder(EnrichConfig.STATE_DIR, c.stateDir());
    return c;
  }

  static IngestConfig ingest(Settings s) {
    kafka(s);
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
    kafka(s);
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

  /** The folder exists and is writable, or its nearest existing parent is a writable folder and it is created now. */
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
    // Created now, as the service would: a parent that is writable on paper (/proc for root) can still
    // refuse it, which the service found only after connecting, without naming the key.
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException | RuntimeException e) {
      throw new ConfigException(key, "cannot be created as a folder at '" + dir.toAbsolutePath() + "': " + e);
    }
  }

}
