package io.newswatch.cli;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.EnrichService;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.IngestService;
import io.newswatch.ingest.feed.PollOutcome;
import io.newswatch.ingest.feed.PollResult;
import io.newswatch.platform.EmbeddedPlatform;
import io.newswatch.platform.PlatformConfig;
import io.newswatch.runtime.Settings;
import io.newswatch.runtime.TopicProvisioner;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.sink.SinkConfig;
import io.newswatch.sink.SinkOptions;
import io.newswatch.sink.SinkService;
import io.newswatch.sink.SubscriptionsAdmin;
import io.newswatch.sink.file.JsonlFileConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code newswatch run}: the whole pipeline in one process on the embedded platform. Ingest reads a
 * folder (the samples by default) and optional feeds, enrich tags and dedups, the sink writes alerts
 * to JSONL files, the live page and the terminal. Everything persists under the data directory, so
 * a second run continues where the first stopped without alerting again.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run ingest, enrich and sink in one process on the embedded Kafka + registry. "
        + "Live page on http://localhost:8080, alerts in <data-dir>/alerts.jsonl, Ctrl-C to stop.")
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOptions config;

  @Option(names = "--data-dir", defaultValue = "data", description = "Where everything persists (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--input", description = "Folder of articles to ingest and watch (default: samples/seeds).")
  Path input;

  @Option(names = "--feeds", description = "YAML file of RSS/Atom feeds to poll (ingest.feeds; format: docs/feeds.md).")
  Path feeds;

  @Option(names = "--until-idle", description = "Import the folder, poll every feed once, wait until the pipeline has "
      + "drained, then exit.")
  boolean untilIdle;

  @Option(names = "--live-port", defaultValue = "8080", description = "Port of the live page (-1: off; default: ${DEFAULT-VALUE}).")
  int livePort;

  @Option(names = "--kafka-port", defaultValue = "9092") int kafkaPort;
  @Option(names = "--controller-port", defaultValue = "9093") int controllerPort;
  @Option(names = "--registry-port", defaultValue = "8081") int registryPort;
  @Option(names = "--registry-management-port", defaultValue = "8091") int registryManagementPort;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path inputDir = input != null ? input : defaultInput();
    if (!Files.isDirectory(inputDir)) {
      throw new IllegalArgumentException("input folder " + inputDir + " does not exist; pass --input DIR");
    }
    Path data = dataDir.toAbsolutePath();
    PlatformConfig pc = platformConfig();
    // Everything is checked before the broker starts: a typo costs a second, not a minute.
    Settings settings = settings(pc, data, inputDir);
    StartupCheck.Checked checked = StartupCheck.all(settings);

    out.println("newswatch: starting the embedded Kafka broker and schema registry under " + data.resolve("platform") + " ...");
    out.flush();
    EmbeddedPlatform platform = EmbeddedPlatform.start(pc);
    // A broker or registry that dies is started again instead of leaving the pipeline without it.
    platform.supervise();
    try (ServiceLifecycle life = new ServiceLifecycle(settings, out)) {
      life.managePlatform(platform);
      TopicProvisioner.ensure(settings.kafkaProperties(), Topics.ALL);
      RegistryClient registry = new RegistryClient(settings.registryConfig());

      SinkConfig sinkConfig = checked.sink();
      seedDefaultSubscriptions(sinkConfig, data);
      SinkService sink = life.manage(new SinkService(sinkConfig,
          SinkOptions.defaults().withOnAlert(new AlertPrinter(out)).withManagement(life.management())));
      sink.start();

      EnrichConfig enrichConfig = checked.enrich();
      EnrichService enrich = EnrichService.start(enrichConfig, settings.kafkaProperties(), settings.registryConfig(),
          life.meters());
      life.manage(() -> enrich.close(Duration.ofSeconds(5)));
      life.addReadinessCheck("enrich", enrich::isReady);

      IngestConfig ingestConfig = checked.ingest();
      IngestService ingest = life.manage(IngestService.create(ingestConfig, settings.kafkaProperties(), registry, life.meters()));
      var report = ingest.importDirectory(inputDir);
      out.printf("newswatch: ingested %d new articles from %s (%d already imported earlier, %d rejected)%n",
          report.articles(), inputDir, report.alreadyImported(), report.rejected());
      String page = sink.livePageUrl().orElse("(live page off)");
      if (untilIdle) {
        pollFeedsOnce(ingest, ingestConfig, out);
        out.println("newswatch: processing until the pipeline is idle ...");
        out.flush();
        boolean idle = new IdleWatcher(settings.kafkaProperties(),
            List.of(enrichConfig.applicationId(), sinkConfig.groupId()),
            Map.of(enrichConfig.applicationId(), List.of(enrichConfig.rawTopic()), sinkConfig.groupId(),
                List.of(enrichConfig.alertsTopic())))
            .awaitIdle(Duration.ofMinutes(10), 3);
        out.printf("newswatch: %s. Alerts are in %s; the live page was %s%n", idle ? "idle, stopping" : "still busy after 10 min, stopping",
            alertsFile(data), page);
        out.flush();
        return idle ? 0 : 1;
      }
      ingest.start();
      out.printf("newswatch: running. Live page: %s  Alerts: %s  Metrics: %s  (Ctrl-C to stop)%n",
          page, alertsFile(data), life.metricsUrl().orElse("(management port off)"));
      out.flush();
      life.awaitShutdown();
    }
    return 0;
  }

  /** A scripted run must see every source once: each feed is polled now, before the pipeline is called drained. */
  private static void pollFeedsOnce(IngestService ingest, IngestConfig config, PrintWriter out) throws IOException {
    if (config.feedsFile() == null) {
      return;
    }
    List<PollResult> results = ingest.pollFeedsOnce();
    int articles = results.stream().mapToInt(r -> r.articles().size()).sum();
    long failed = results.stream().filter(r -> r.outcome() == PollOutcome.ERROR).count();
    out.printf("newswatch: polled %d feeds from %s: %d new articles%s%n", results.size(), config.feedsFile(), articles,
        failed == 0 ? "" : ", " + failed + " feeds failed (see the log and news.ingest.rejected)");
    out.flush();
  }

  /** The embedded platform of {@code --data-dir}, laid out as {@code newswatch platform} lays it out. */
  PlatformConfig platformConfig() {
    return PlatformConfig.forDataDir(dataDir).withPorts(kafkaPort, controllerPort, registryPort, registryManagementPort);
  }

  private Settings settings(PlatformConfig platform, Path data, Path inputDir) {
    Map<String, String> d = EmbeddedDefaults.of(platform, data);
    d.put(Settings.MANAGEMENT_PORT, "9100");
    d.put(SinkConfig.LIVE_PORT, Integer.toString(livePort));
    if (!untilIdle) {
      d.put(IngestConfig.WATCH_DIR, inputDir.toString());
    }
    Map<String, String> flags = new HashMap<>();
    if (feeds != null) {
      flags.put(IngestConfig.FEEDS, feeds.toString());
    }
    return config.settings(d, flags);
  }

  /** A fresh data directory gets a desk subscription to every alert, in the JSONL files and on the live page. */
  private static void seedDefaultSubscriptions(SinkConfig config, Path data) {
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config)) {
      if (!admin.list().isEmpty()) {
        return;
      }
      admin.subscribe(Subscription.newBuilder().setId("desk-file").setChannel(Channel.FILE)
          .setTarget(data.toString()).setMinSeverity(Severity.LOW).build(), Clock.systemUTC());
      admin.subscribe(Subscription.newBuilder().setId("desk-live").setChannel(Channel.LIVE).setMinSeverity(Severity.LOW)
          .build(), Clock.systemUTC());
    }
  }

  /** Where the desk subscription's alerts go (rotated copies sit beside it, dated). */
  private static Path alertsFile(Path data) {
    return JsonlFileConfig.defaults().currentFile(data);
  }

  private static Path defaultInput() {
    String root = System.getProperty("newswatch.repo.root");
    Path base = root == null || root.isBlank() ? Path.of(".") : Path.of(root);
    return base.resolve("samples/seeds");
  }
}
