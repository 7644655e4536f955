package io.newswatch.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.feed.Backoff;
import io.newswatch.ingest.feed.FeedConfig;
import io.newswatch.ingest.feed.FeedPoller;
import io.newswatch.ingest.feed.FeedsConfigLoader;
import io.newswatch.ingest.feed.HttpFetcher;
import io.newswatch.ingest.feed.PollResult;
import io.newswatch.ingest.files.DirectoryImporter;
import io.newswatch.ingest.files.DirectoryWatcher;
import io.newswatch.ingest.files.ImportLedger;
import io.newswatch.ingest.files.ImportReport;
import io.newswatch.ingest.http.PushConfig;
import io.newswatch.ingest.http.PushServer;
import io.newswatch.ingest.kafka.FeedRunner;
import io.newswatch.ingest.kafka.FeedStateStore;
import io.newswatch.ingest.kafka.KafkaArticleSink;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.runtime.LogSafe;
import io.newswatch.runtime.TopicProvisioner;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the configured ingest sources (folder, feeds, HTTP push) against one Kafka publisher. */
public final class IngestService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngestService.class);

  private final IngestConfig config;
  private final KafkaArticleSink sink;
  private final DirectoryImporter importer;
  private final IngestMetrics metrics;
  private final ArticleNormalizer normalizer = new ArticleNormalizer();
  /** Folder and push input share it, so together they never hold more than ingest.queue articles. */
  private final NormalizationPool pool;
  private final List<AutoCloseable> running = new ArrayList<>();
  private PushServer push;
  private Properties feedsKafka;
  private SchemaRegistry registry;

  private IngestService(IngestConfig config, KafkaArticleSink sink, IngestMetrics metrics, String clusterId)
      throws IOException {
    this.config = config;
    this.sink = sink;
    this.metrics = metrics;
    Files.createDirectories(config.stateDir());
    ImportLedger ledger = ImportLedger.forTarget(config.stateDir(), clusterId, config.rawTopic());
    log.info("files imported into {} of Kafka cluster {}: {} recorded", config.rawTopic(), clusterId, ledger.size());
    this.pool = NormalizationPool.create(config.threads(), config.queue(), normalizer::normalize, sink);
    metrics.queue(pool);
    log.info("normalizing on {}", config.threads() == 1 ? "the sources' own threads (ingest.threads=1)"
        : config.threads() + " threads, at most " + config.queue() + " articles waiting");
    this.importer = new DirectoryImporter(pool, ledger, metrics, Clock.systemUTC(),
        DirectoryImporter.DEFAULT_MAX_FILE_BYTES, config.links());
  }

  /** Creates the topics ingest writes and connects the publisher; no source runs yet. */
  public static IngestService create(IngestConfig config, Properties kafka, SchemaRegistry registry, MeterRegistry meters)
      throws IOException {
    TopicProvisioner.ensure(kafka, List.<Topic<?>>of(Topics.ARTICLES_RAW.renamed(config.rawTopic()),
        Topics.INGEST_REJECTED.renamed(config.rejectedTopic()), Topics.FEED_STATE.renamed(config.feedStateTopic())));
    String clusterId = clusterId(kafka);
    KafkaArticleSink sink = new KafkaArticleSink(kafka, registry, config.rawTopic(), config.rejectedTopic(), config.feedStateTopic());
    IngestService s;
    try {
      s = new IngestService(config, sink, new IngestMetrics(meters == null ? new SimpleMeterRegistry() : meters), clusterId);
    } catch (IOException | RuntimeException e) {
      sink.close();
      throw e;
    }
    if (meters != null) {
      sink.bindClientMetrics(meters);
    }
    s.feedsKafka = kafka;
    s.registry = registry;
    return s;
  }

  /** The id of the Kafka cluster, which keys the import ledger. */
  private static String clusterId(Properties kafka) throws IOException {
    try (Admin admin = Admin.create(kafka)) {
      return admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot read the Kafka cluster id: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the Kafka cluster id", e);
    }
  }

  /** Imports every article file under {@code dir} once (files already imported are skipped) and waits for the acks. */
  public ImportReport importDirectory(Path dir) throws IOException {
    ImportReport report = importer.importDirectory(dir);
    sink.flush();
    log.info("imported {}: {} articles, {} rejected, {} already imported, {} ignored", LogSafe.of(dir), report.articles(),
        report.rejected(), report.alreadyImported(), report.ignored());
    return report;
  }

  /** Starts the sources in the config: the folder watcher, the feeds and the push endpoint. */
  public void start() throws IOException {
    if (config.watchDir() != null) {
      DirectoryWatcher watcher = new DirectoryWatcher(config.watchDir(), importer, config.watchQuietPeriod(),
          Clock.systemUTC());
      watcher.start(config.watchInterval());
      running.add(watcher);
      log.info("watching {} for new articles", LogSafe.of(config.watchDir()));
    }
    if (config.feedsFile() != null) {
      FeedRunner runner = feedRunner();
      runner.start();
      running.add(runner);
    }
    if (config.httpPort() >= 0) {
      // Without a token and not explicitly opened, the endpoint still listens but answers 403 with
      // the reason, so a misconfigured client learns why instead of getting a refused connection.
      PushConfig pc = new PushConfig(config.httpHost(), config.httpPort(), config.httpToken(),
          config.httpToken().isEmpty() && config.httpOpen(), config.httpMaxBodyBytes(), config.httpReadTimeout(), 1000,
          config.httpThreads());
      push = new PushServer(pc, pool, sink, metrics, Clock.systemUTC());
      push.start();
      running.add(push);
      log.info("HTTP push on http://{}:{}/articles ({})", config.httpHost(), push.port(),
          config.httpToken().isPresent() ? "bearer token required" : config.httpOpen() ? "OPEN, no token" : "off: no token set");
    }
  }

  /**
   * Polls every configured feed once, now, publishes what is new and saves each feed's state; for
   * scripted runs that must see every source before they call the pipeline drained. A feed that fails
   * is reported in its result (and dead-lettered like in a scheduled poll); the others still run.
   */
  public List<PollResult> pollFeedsOnce() throws IOException {
    if (config.feedsFile() == null) {
      return List.of();
    }
    FeedRunner runner = feedRunner();
    try (runner) {
      return runner.pollAllOnce();
    }
  }

  private FeedRunner feedRunner() throws IOException {
    List<FeedConfig> feeds = new FeedsConfigLoader().load(config.feedsFile());
    FeedPoller poller = new FeedPoller(
        new HttpFetcher(Duration.ofSeconds(10), "newswatch/0.1 (+feed monitor)", config.addressPolicy()),
        normalizer, metrics, Backoff.defaults(), Clock.systemUTC());
    log.info("feed fetcher connects to {}", config.addressPolicy());
    return new FeedRunner(feeds, poller, sink, FeedStateStore.load(feedsKafka, registry, config.feedStateTopic()));
  }

  /** The push endpoint's port, or -1. */
  public int pushPort() {
    return push == null ? -1 : push.port();
  }

  public KafkaArticleSink sink() {
    return sink;
  }

  @Override
  public void close() {
    for (AutoCloseable c : running.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("error while stopping {}", c, e);
      }
    }
    // Every article the sources handed over is published or dead-lettered before the producer goes.
    pool.close();
    sink.close();
  }
}
