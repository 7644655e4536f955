package io.newswatch.cli;

import io.newswatch.enrich.stream.StoreNames;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.cli.bench.BenchCorpus;
import io.newswatch.cli.bench.BenchDurations;
import io.newswatch.cli.bench.BenchReport;
import io.newswatch.cli.bench.JvmMeters;
import io.newswatch.cli.bench.KafkaExactlyOnceCopy;
import io.newswatch.cli.bench.KafkaPassThrough;
import io.newswatch.cli.bench.KafkaPerfTools;
import io.newswatch.cli.bench.Latencies;
import io.newswatch.cli.bench.ThreadCpu;
import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.EnrichService;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.platform.EmbeddedPlatform;
import io.newswatch.platform.PlatformConfig;
import io.newswatch.runtime.Settings;
import io.newswatch.runtime.TopicProvisioner;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.serde.AvroSerializer;
import io.newswatch.sink.SinkConfig;
import io.newswatch.sink.SinkOptions;
import io.newswatch.sink.SinkService;
import io.newswatch.sink.SubscriptionsAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.enrich.EnrichMetrics;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code newswatch bench}: the end-to-end benchmark on a fresh embedded broker. It prints figures
 * and never judges them; the last line is machine-readable:
 * {@code articles_per_s=<n> ceiling_ratio=<r> p50_ms=<n> p99_ms=<n>}. The lines and a JSON file of
 * the figures are also written to {@code --results-dir}.
 *
 * <ol>
 *   <li>ceiling: Kafka alone passes the very bytes the pipeline will carry, measured twice: with the
 *       bench's own warm clients (produce, then consume from assigned partitions) and with Kafka's own
 *       ProducerPerformance and ConsumerPerformance; the higher pass-through is the ceiling;
 *   <li>backfill: N articles (normalized by ingest's normalizer) are loaded onto the raw topic, then
 *       enrich (exactly-once) and the sink (a fsynced JSONL subscription) drain them; rate = N /
 *       drain time; thread CPU per stage, changelog and repartition bytes and GC are measured;
 *   <li>live: new articles at a fixed rate; latency = ingest send → alert delivered by the sink.
 * </ol>
 *
 * <p>With {@code --soak 30m} it runs only the pipeline at {@code --soak-rate} articles/s for that
 * long, printing the heap after a full GC at the start, at every {@code --soak-report} and at the end.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "End-to-end benchmark on a fresh embedded broker: Kafka ceiling, backfill rate, live latency.")
public final class BenchCommand implements Callable<Integer> {
  private static final String CEILING_TOPIC = "bench.ceiling";
  private static final String WARM_TOPIC = "bench.warmup";
  private static final String TOOLS_TOPIC = "bench.tools";
  private static final String EOS_COPY_TOPIC = "bench.eos-copy";

  @Spec CommandSpec spec;

  @Option(names = "--articles", defaultValue = "20000", description = "Articles in the backfill (default: ${DEFAULT-VALUE}).")
  int articles;

  @Option(names = "--live-rate", defaultValue = "50", description = "Articles per second in the live phase.")
  int liveRate;

  @Option(names = "--live-seconds", defaultValue = "20", description = "Length of the live phase.")
  int liveSeconds;

  @Option(names = "--ceiling-records", defaultValue = "200000",
      description = "Records each ceiling measurement passes through Kafka, drawn from the corpus (default: ${DEFAULT-VALUE}; "
          + "fewer and the clients' warm-up weighs in).")
  int ceilingRecords;

  @Option(names = "--normalize-threads", defaultValue = "1",
      description = "Threads that run ingest's normalizer over the corpus (default: ${DEFAULT-VALUE}).")
  int normalizeThreads;

  @Option(names = "--partitions", defaultValue = "3",
      description = "Partitions of the pipeline's topics and the ceiling's (default: ${DEFAULT-VALUE}, the catalog's).")
  int partitions;

  @Option(names = "--enrich-instances", defaultValue = "1",
      description = "Enrich instances: this JVM's and N-1 more `newswatch enrich` JVMs in the same group (default: ${DEFAULT-VALUE}).")
  int enrichInstances;

  @Option(names = "--seeds", description = "Seed articles folder (default: samples/seeds).")
  Path seeds;

  @Option(names = "--results-dir", description = "Folder for the text and JSON result files (default: bench-results in the repository).")
  Path resultsDir;

  @Option(names = "--soak", converter = BenchDurations.class,
      description = "Soak mode: run the pipeline at --soak-rate for this long (e.g. 30m), heap after a full GC at the start and end.")
  Duration soak;

  @Option(names = "--soak-rate", defaultValue = "200", description = "Articles per second in soak mode (default: ${DEFAULT-VALUE}).")
  int soakRate;

  @Option(names = "--soak-report", defaultValue = "1m", converter = BenchDurations.class,
      description = "How often soak mode prints the heap after a full GC (default: ${DEFAULT-VALUE}).")
  Duration soakReport;

  @Option(names = {"-s", "--set"}, description = "Override an enrich or sink setting (e.g. enrich.commit-interval=50ms).")
  Map<String, String> overrides = new HashMap<>();

  private BenchReport report;

  @Override
  public Integer call() throws Exception {
    if (articles < 1 || normalizeThreads < 1 || soakRate < 1 || ceilingRecords < 1) {
      throw new ParameterException(spec.commandLine(),
          "--articles, --ceiling-records, --normalize-threads and --soak-rate must be at least 1");
    }
    Path repoRoot = Path.of(System.getProperty("newswatch.repo.root", "."));
    Path dir = Files.createTempDirectory("newswatch-bench");
    Path seedDir = seeds != null ? seeds : repoRoot.resolve("samples").resolve("seeds");
    PlatformConfig pc = PlatformConfig.ephemeral(dir.resolve("platform"));
    // Checked before the platform starts: a misspelled --set must not cost a whole benchmark run.
    Settings settings;
    try {
      settings = settings(pc, dir);
      EnrichConfig.from(settings);
      SinkConfig.from(settings);
    } catch (RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
    report = new BenchReport(spec.commandLine().getOut(), repoRoot);
    Path results = resultsDir != null ? resultsDir : repoRoot.resolve("bench-results");
    // The JVM's -XX flags (the launcher's JIT flags among them) belong with the figures they gave.
    List<String> jvmFlags = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-XX:")).toList();
    say("machine: %d cores, max heap %d MB, Java %s, JVM flags %s", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
        jvmFlags.isEmpty() ? "none" : String.join(" ", jvmFlags));
    report.at("machine").put("cores", Runtime.getRuntime().availableProcessors())
        .put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20).put("java", System.getProperty("java.version"))
        .put("jvm_flags", String.join(" ", jvmFlags));
    ObjectNode run = report.at("settings");
    overrides.forEach(run.putObject("overrides")::put);
    if (partitions < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--partitions must be at least 1, got " + partitions);
    }
    if (enrichInstances < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--enrich-instances must be at least 1, got " + enrichInstances);
    }
    run.put("partitions", partitions).put("enrich_instances", enrichInstances);
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(pc)) {
      if (soak != null) {
        run.put("mode", "soak").put("soak_s", soak.toSeconds()).put("soak_rate", soakRate);
        return soak(platform, settings, dir, seedDir, results);
      }
      run.put("mode", "bench").put("articles", articles).put("normalize_threads", normalizeThreads)
          .put("ceiling_records", ceilingRecords).put("live_rate", liveRate).put("live_seconds", liveSeconds);
      return bench(platform, settings, dir, seedDir, results);
    } finally {
      // The broker's logs hold every ceiling record (hundreds of MB): the figures are in the results.
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary folder is not worth failing a finished run for.
    }
  }

  private int bench(EmbeddedPlatform platform, Settings settings, Path dir, Path seedDir, Path results) throws Exception {
    Properties kafka = settings.kafkaProperties();
    RegistryClient registry = new RegistryClient(settings.registryConfig());
    TopicProvisioner.ensure(kafka, topics(Topics.ALL));
    TopicProvisioner.ensure(kafka, topics(List.<Topic<?>>of(Topics.ARTICLES_RAW.renamed(CEILING_TOPIC),
        Topics.ARTICLES_RAW.renamed(WARM_TOPIC), Topics.ARTICLES_RAW.renamed(TOOLS_TOPIC),
        Topics.ARTICLES_RAW.renamed(EOS_COPY_TOPIC))));
    JvmMeters.Gc gcAtStart = JvmMeters.Gc.now();

    // Generate and normalize: the same bytes feed the ceiling and the pipeline.
    BenchCorpus corpus = new BenchCorpus(seedDir, 42);
    List<RawArticle> raws = new ArrayList<>(articles);
    for (int i = 0; i < articles; i++) {
      raws.add(corpus.next());
    }
    JvmMeters.Gc gc0 = JvmMeters.Gc.now();
    Normalized normalized = normalizeAll(raws, normalizeThreads);
    // The corpus is let go as soon as each form of it has served: a pipeline does not hold a
    // backfill's articles, and 100,000 of them kept as objects made G1 mark ~1.5 GB of live heap
    // over and over during the backfill, CPU the pipeline's figures would carry.
    raws.clear();
    JvmMeters.Gc gcNormalize = JvmMeters.Gc.now().since(gc0);
    AvroSerializer<Article> ser = new AvroSerializer<>(registry, false);
    List<String> keys = new ArrayList<>(articles);
    List<byte[]> values = new ArrayList<>(articles);
    long bytes = 0;
    for (Article a : normalized.articles()) {
      byte[] v = ser.serialize(Topics.ARTICLES_RAW.name(), a);
      keys.add(a.getId());
      values.add(v);
      bytes += v.length;
    }
    double normalizeRate = articles / normalized.seconds();
    double normalizeCpuUs = normalized.cpuNanos() / 1e3 / articles;
    normalized = null;
    say("corpus: %d articles, %.1f KB average Avro record; ingest normalization %.0f articles/s (%d thread%s), %.0f µs CPU per article",
        articles, bytes / 1024.0 / articles, normalizeRate, normalizeThreads, normalizeThreads == 1 ? "" : "s", normalizeCpuUs);
    report.at("corpus").put("articles", articles).put("avg_record_bytes", BenchReport.round(bytes / (double) articles, 1));
    stage("normalize", normalizeRate, normalizeCpuUs).put("threads", normalizeThreads).put("gc_ms", gcNormalize.millis());

    // The ceiling, twice: the bench's warm clients, and Kafka's own tools on the same bytes.
    Properties producerProps = producerProps(kafka);
    KafkaPassThrough.Result own = KafkaPassThrough.measure(kafka, producerProps, WARM_TOPIC, CEILING_TOPIC, keys, values,
        ceilingRecords);
    say("kafka pass-through, warm clients and assigned partitions: produce %.0f/s, consume %.0f/s, pass-through %.0f articles/s",
        own.producePerSecond(), own.consumePerSecond(), own.passThroughPerSecond());
    List<String> toolProps = new ArrayList<>();
    toolProps.add("client.id=bench-tools-producer");
    producerProps.forEach((k, v) -> toolProps.add(k + "=" + v));
    KafkaPerfTools.Result tools = KafkaPerfTools.run(platform.bootstrapServers(), toolProps, TOOLS_TOPIC, values,
        ceilingRecords, dir.resolve("kafka-tools"));
    say("kafka-tools %s: ProducerPerformance %.0f records/s, ConsumerPerformance %.0f records/s (%.0f/s of fetch time, "
            + "group join %d ms), %.0f B records: pass-through %.0f articles/s (%.0f with the join)",
        AppInfoParser.getVersion(), tools.producePerSecond(), tools.consumePerSecond(), tools.consumeFetchPerSecond(),
        tools.rebalanceMs(), tools.avgRecordBytes(), tools.passThroughPerSecond(), tools.passThroughWithJoinPerSecond());
    boolean toolsHigher = tools.passThroughPerSecond() >= own.passThroughPerSecond();
    double ceiling = Math.max(tools.passThroughPerSecond(), own.passThroughPerSecond());
    say("kafka ceiling: produce %.0f/s, consume %.0f/s, pass-through %.0f articles/s (the higher of the two: %s)",
        toolsHigher ? tools.producePerSecond() : own.producePerSecond(),
        toolsHigher ? tools.consumeFetchPerSecond() : own.consumePerSecond(), ceiling, toolsHigher ? "kafka-tools" : "warm clients");
    ObjectNode c = report.at("ceiling");
    c.put("articles_per_s", BenchReport.round(ceiling, 0)).put("source", toolsHigher ? "kafka-tools" : "warm-clients");
    c.putObject("warm_clients").put("records", own.records())
        .put("produce_per_s", BenchReport.round(own.producePerSecond(), 0))
        .put("consume_per_s", BenchReport.round(own.consumePerSecond(), 0))
        .put("pass_through_per_s", BenchReport.round(own.passThroughPerSecond(), 0));
    c.putObject("kafka_tools").put("version", AppInfoParser.getVersion()).put("records", tools.records())
        .put("avg_record_bytes", BenchReport.round(tools.avgRecordBytes(), 1))
        .put("produce_per_s", BenchReport.round(tools.producePerSecond(), 0))
        .put("consume_per_s", BenchReport.round(tools.consumePerSecond(), 0))
        .put("consume_fetch_per_s", BenchReport.round(tools.consumeFetchPerSecond(), 0))
        .put("consume_join_ms", tools.rebalanceMs())
        .put("pass_through_per_s", BenchReport.round(tools.passThroughPerSecond(), 0))
        .put("pass_through_with_join_per_s", BenchReport.round(tools.passThroughWithJoinPerSecond(), 0));

    // One exactly-once hop with Kafka's clients alone, on the ceiling's records: a reference beside
    // the pipeline's figure (not the ceiling), and the broker's transactional paths run once.
    EnrichConfig enrichConfig = EnrichConfig.from(settings);
    Properties eosProducer = producerProps(kafka);
    eosProducer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"); // as enrich's producers write
    KafkaExactlyOnceCopy.Result eos = KafkaExactlyOnceCopy.measure(kafka, eosProducer, WARM_TOPIC,
        Math.min(KafkaPassThrough.WARM_RECORDS, articles), CEILING_TOPIC, own.records(), EOS_COPY_TOPIC,
        enrichConfig.commitInterval());
    say("kafka exactly-once copy (read_committed, a transaction per %d ms with its offsets, warm clients): %.0f records/s, "
            + "%d transactions (a reference for one exactly-once hop, not the ceiling)",
        enrichConfig.commitInterval().toMillis(), eos.perSecond(), eos.transactions());
    c.putObject("exactly_once_copy").put("records", eos.records()).put("per_s", BenchReport.round(eos.perSecond(), 0))
        .put("transactions", eos.transactions()).put("commit_interval_ms", enrichConfig.commitInterval().toMillis());

    // Publish: what ingest does once articles are normalized, on its own thread so its CPU is countable.
    Published pub = publish(producerProps, keys, values);
    say("ingest publish: %.0f articles/s, %.0f µs CPU per article (sending thread + producer I/O thread)",
        articles / pub.seconds(), pub.cpuNanos() / 1e3 / articles);
    stage("publish", articles / pub.seconds(), pub.cpuNanos() / 1e3 / articles);
    keys.clear();
    values.clear();

    SinkConfig sinkConfig = SinkConfig.from(settings);
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(sinkConfig)) {
      admin.add(Subscription.newBuilder().setId("bench-file").setChannel(Channel.FILE)
          .setTarget(dir.resolve("alerts").toString()).build());
    }
    Latencies latencies = new Latencies();
    SinkService sink = new SinkService(sinkConfig, SinkOptions.defaults().withOnAlert(latencies::onAlert));
    String appId = enrichConfig.applicationId();
    ThreadCpu enrichCpu = ThreadCpu.start(n -> n.contains(appId));
    ThreadCpu sinkCpu = ThreadCpu.start(BenchCommand::isSinkThread);
    long process0 = JvmMeters.processCpuNanos();
    long brokerPid = platform.broker().child().pid();
    long broker0 = JvmMeters.processCpuNanos(brokerPid);
    JvmMeters.Gc gcB0 = JvmMeters.Gc.now();
    long compile0 = JvmMeters.compileMillis();
    sink.start();
    // As `newswatch run` does: enrich counts its decisions (and the bench reads the count).
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    long tStart = System.nanoTime();
    // The other instances start with this one, so their JVM start and the group's rebalances are timed too.
    List<io.newswatch.platform.ChildProcess> others = startEnrichInstances(settings, dir);
    long[] others0 = others.stream().mapToLong(child -> JvmMeters.processCpuNanos(child.pid())).toArray();
    try (AutoCloseable stopOthers = () -> others.forEach(child -> child.stop(Duration.ofSeconds(10)));
        EnrichService enrich = EnrichService.start(enrichConfig, kafka, settings.registryConfig(), meters)) {
      enrich.awaitRunning(Duration.ofSeconds(60));
      IdleWatcher idle = new IdleWatcher(kafka, List.of(appId, sinkConfig.groupId()),
          Map.of(appId, List.of(enrichConfig.rawTopic())));
      // With one instance, its own decision counter and its next commit tell when the articles are
      // out, and the tagged topic is counted after the timed part, not read and decompressed on the
      // same cores during it. Other instances' decisions are not in this JVM's counter: with them,
      // a consumer counts the topic during the run.
      Counted counted = others.isEmpty() ? null : countCommitted(kafka, enrichConfig.taggedTopic(), articles);
      double[] progress = counted != null ? new double[] {counted.halfS(), counted.allS()}
          : awaitDecided(meters, enrich.streams(), kafka, enrichConfig.taggedTopic(), articles,
              enrichConfig.commitInterval());
      double taggedS = progress[1] - (tStart - benchStart) / 1e9;
      // The first half pays the JIT's warm-up (C2 compiles for the first ~30 s of a backfill); the
      // second half is closer to what a long backfill runs at. Both are printed; the headline is the whole.
      double secondHalfRate = (articles - articles / 2) / Math.max(0.001, progress[1] - progress[0]);
      say("enrich: all %d articles tagged and dedup-decided after %.1f s (%.0f articles/s; the second half %.0f articles/s)",
          articles, taggedS, articles / taggedS, secondHalfRate);
      if (!decidedPerSecond.isEmpty()) {
        say("enrich progress, articles decided in each second after it was running: %s",
            decidedPerSecond.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        var perSecond = report.at("backfill").putArray("decided_per_second");
        decidedPerSecond.forEach(perSecond::add);
      }
      idle.awaitIdle(Duration.ofMinutes(30), 2);
      // The idle check waits two extra seconds of stability; take them off.
      double drainS = Math.max(0.001, secondsSince(tStart) - 2.0);
      double rate = articles / drainS;
      long enrichNs = enrichCpu.nanos();
      long sinkNs = sinkCpu.nanos();
      long processNs = JvmMeters.processCpuNanos() - process0;
      long brokerNs = JvmMeters.processCpuNanos(brokerPid) - broker0;
      long othersNs = 0;
      for (int i = 0; i < others.size(); i++) {
        othersNs += JvmMeters.processCpuNanos(others.get(i).pid()) - others0[i];
      }
      JvmMeters.Gc gcBackfill = JvmMeters.Gc.now().since(gcB0);
      long compileMs = compile0 < 0 ? -1 : JvmMeters.compileMillis() - compile0;
      Map<String, Long> threads = ThreadCpu.all();
      long alerts = latencies.delivered();
      say("backfill: %d articles through enrich (exactly-once) and the sink in %.1f s: %.0f articles/s, %d alerts delivered",
          articles, drainS, rate, alerts);
      stage("enrich", articles / taggedS, enrichNs / 1e3 / articles).put("stream_threads", streamThreads(enrich))
          .put("second_half_articles_per_s", BenchReport.round(secondHalfRate, 1))
          .put("tag_ahead_threads", enrichConfig.tagAheadThreads())
          .put("tag_ahead_records", enrichConfig.tagAheadRecords())
          .put("tagged_ahead", enrich.tagAhead().served()).put("tagged_inline", enrich.tagAhead().inline())
          .put("read_ahead", enrich.tagAhead().readAhead());
      if (enrich.tagAhead().enabled()) {
        say("enrich tag-ahead: %d thread%s (%s), %d articles tagged ahead, %d on the stream thread; "
                + "%d records read ahead of the stream thread's fetch (%s=%d)",
            enrichConfig.tagAheadThreads(), enrichConfig.tagAheadThreads() == 1 ? "" : "s", EnrichConfig.TAG_AHEAD_THREADS,
            enrich.tagAhead().served(), enrich.tagAhead().inline(), enrich.tagAhead().readAhead(),
            EnrichConfig.TAG_AHEAD_RECORDS, enrichConfig.tagAheadRecords());
      } else {
        say("enrich tag-ahead: off (%s=0), every article tagged on the stream thread", EnrichConfig.TAG_AHEAD_THREADS);
      }
      stage("sink", rate, sinkNs / 1e3 / articles).put("cpu_us_per_alert", BenchReport.round(sinkNs / 1e3 / Math.max(1, alerts), 1));
      say("cpu per article in the backfill (thread CPU time of each stage's named threads): enrich %.0f µs, sink %.0f µs "
              + "(%.0f µs per alert); this JVM in all %.0f µs (adds GC, JIT, RocksDB's native threads, the bench's counters); "
              + "broker %.0f µs",
          enrichNs / 1e3 / articles, sinkNs / 1e3 / articles, sinkNs / 1e3 / Math.max(1, alerts), processNs / 1e3 / articles,
          brokerNs / 1e3 / articles);
      if (!others.isEmpty()) {
        say("the %d other enrich JVMs: %.0f µs of process CPU per article (all their threads, GC and JIT included); "
            + "the state traffic below is this JVM's instance only", others.size(), othersNs / 1e3 / articles);
        report.at("backfill").put("other_enrich_jvms_cpu_us_per_article", BenchReport.round(othersNs / 1e3 / articles, 1));
      }
      // Untimed for one instance: the tagged topic must hold every article once, and with one
      // instance its decisions must be the articles (more: a task was processed again after a
      // rebalance, and the timing, which counted decisions, may be early). No figure otherwise.
      long onTopic = (counted != null ? counted : countCommitted(kafka, enrichConfig.taggedTopic(), articles)).records();
      long decided = others.isEmpty() ? Math.round(decidedArticles(meters)) : articles;
      if (decided != articles || onTopic != articles) {
        throw new IllegalStateException("enrich decided " + decided + " articles and the tagged topic holds "
            + onTopic + ", expected " + articles + " of each: no figures from this run");
      }
      ObjectNode b = report.at("backfill");
      b.put("articles_per_s", BenchReport.round(rate, 1)).put("drain_s", BenchReport.round(drainS, 2))
          .put("alerts", alerts).put("enrich_tagged_s", BenchReport.round(taggedS, 2))
          .put("process_cpu_us_per_article", BenchReport.round(processNs / 1e3 / articles, 1))
          .put("broker_cpu_us_per_article", BenchReport.round(brokerNs / 1e3 / articles, 1))
          .put("gc_collections", gcBackfill.collections()).put("gc_ms", gcBackfill.millis())
          .put("jit_compile_ms", compileMs);
      ObjectNode top = b.putObject("thread_cpu_ms_since_thread_start");
      threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
          .forEach(e -> top.put(e.getKey(), e.getValue() / 1_000_000));

      Map<String, Long> written = bytesWritten(enrich.streams(), appId);
      long changelog = sumBySuffix(written, "-changelog");
      long repartition = sumBySuffix(written, "-repartition");
      double dedupBytes = dedupBytesPerArticle(kafka, enrichConfig, articles);
      say("state traffic: changelog %.0f bytes and repartition %.0f bytes written per article (compressed, as enrich's "
          + "producers sent them); dedup state %.0f bytes per remembered article (changelog of " + StoreNames.DEDUP_INDEX + ")",
          changelog / (double) articles, repartition / (double) articles, dedupBytes);
      ObjectNode bytesNode = report.at("bytes_per_article");
      bytesNode.put("changelog_written", BenchReport.round(changelog / (double) articles, 1))
          .put("repartition_written", BenchReport.round(repartition / (double) articles, 1))
          .put("dedup_state_on_disk", BenchReport.round(dedupBytes, 1));
      ObjectNode perTopic = bytesNode.putObject("by_topic");
      written.forEach((t, n) -> perTopic.put(t.substring(appId.length() + 1), BenchReport.round(n / (double) articles, 1)));
      say("gc: backfill %d collections, %d ms (%.1f %% of its wall time); normalization %d ms",
          gcBackfill.collections(), gcBackfill.millis(), gcBackfill.millis() / 10.0 / drainS, gcNormalize.millis());
      // The warm-up's cost in this JVM: its compilers' time, spent on the same two cores.
      say("jit: this JVM's compilers worked %d ms during the backfill (%.0f µs per article; CompilationMXBean)",
          compileMs, compileMs * 1e3 / articles);

      // Live phase: unique stories at a fixed rate, timed from send to delivery.
      latencies.clear();
      int live = liveRate * liveSeconds;
      List<String> liveKeys = new ArrayList<>(live);
      List<byte[]> liveValues = new ArrayList<>(live);
      ArticleNormalizer normalizer = new ArticleNormalizer();
      for (int i = 0; i < live; i++) {
        Article a = normalize(normalizer, corpus.unique());
        liveKeys.add(a.getId());
        liveValues.add(ser.serialize(Topics.ARTICLES_RAW.name(), a));
      }
      paced(kafka, liveKeys, liveValues, latencies, liveRate);
      idle.awaitIdle(Duration.ofMinutes(5), 2);
      long[] ms = latencies.sortedMillis();
      long p50 = percentile(ms, 0.50);
      long p99 = percentile(ms, 0.99);
      say("live: %d articles at %d/s, %d alerts; ingest->alert latency p50 %d ms, p99 %d ms, max %d ms", live, liveRate,
          ms.length, p50, p99, ms.length == 0 ? 0 : ms[ms.length - 1]);
      report.at("live").put("articles", live).put("rate", liveRate).put("alerts", ms.length).put("p50_ms", p50)
          .put("p99_ms", p99).put("max_ms", ms.length == 0 ? 0 : ms[ms.length - 1]);
      long heapUsed = JvmMeters.heapAfterFullGc();
      JvmMeters.Gc gcRun = JvmMeters.Gc.now().since(gcAtStart);
      say("heap after the run (this JVM: enrich + sink + clients), after a full GC: %d MB used, %d MB committed; "
          + "gc over the run: %d collections, %d ms", heapUsed >> 20, JvmMeters.heapCommitted() >> 20,
          gcRun.collections(), gcRun.millis());
      report.at("heap").put("after_run_mb", heapUsed >> 20).put("committed_mb", JvmMeters.heapCommitted() >> 20);
      report.at("gc").put("run_collections", gcRun.collections()).put("run_ms", gcRun.millis())
          .put("backfill_collections", gcBackfill.collections()).put("backfill_ms", gcBackfill.millis());
      sink.close();
      report.at("summary").put("articles_per_s", BenchReport.round(rate, 0))
          .put("ceiling_ratio", BenchReport.round(rate / ceiling, 4)).put("p50_ms", p50).put("p99_ms", p99);
      say("results: %s", report.write(results));
      say("articles_per_s=%.0f ceiling_ratio=%.3f p50_ms=%d p99_ms=%d", rate, rate / ceiling, p50, p99);
    }
    return 0;
  }

  /**
   * Starts {@code --enrich-instances - 1} more enrich services, each a `newswatch enrich` JVM with this
   * run's settings (same application id, so the same group) and a state folder of its own.
   */
  private List<io.newswatch.platform.ChildProcess> startEnrichInstances(Settings settings, Path dir) throws IOException {
    List<io.newswatch.platform.ChildProcess> children = new ArrayList<>();
    for (int i = 2; i <= enrichInstances; i++) {
      List<String> args = new ArrayList<>(List.of("io.newswatch.cli.NewswatchCli", "enrich"));
      Map<String, String> values = new java.util.TreeMap<>(settings.asMap());
      values.put(EnrichConfig.STATE_DIR, dir.resolve("enrich-" + i).resolve("streams").toString());
      values.put(Settings.MANAGEMENT_PORT, "-1");
      values.forEach((k, v) -> {
        args.add("--set");
        args.add(k + "=" + v);
      });
      children.add(io.newswatch.platform.ChildProcess.start("enrich-" + i, dir.resolve("enrich-" + i),
          dir.resolve("logs").resolve("enrich-" + i + ".log"),
          jvmOptions(), args));
    }
    return children;
  }

  /**
   * A second enrich JVM runs with the JIT flags the launcher gave this one ({@code NEWSWATCH_JIT_OPTS}),
   * so that instances compare like for like.
   */
  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>(List.of("-Xms256m", "-Xmx1g"));
    options.addAll(io.newswatch.platform.ChildProcess.jitOptions());
    options.addAll(List.of("-cp", System.getProperty("java.class.path")));
    return options;
  }

  /** The topics with {@code --partitions} where the catalog gives its usual count (compacted ones keep theirs). */
  private List<Topic<?>> topics(List<Topic<?>> catalog) {
    return catalog.stream().<Topic<?>>map(t -> t.compacted() ? t : t.withPartitions(partitions)).toList();
  }

  /** Soak mode: the pipeline at a steady rate for a long time, to see whether its heap stays flat. */
  private int soak(EmbeddedPlatform platform, Settings settings, Path dir, Path seedDir, Path results) throws Exception {
    Properties kafka = settings.kafkaProperties();
    RegistryClient registry = new RegistryClient(settings.registryConfig());
    TopicProvisioner.ensure(kafka, topics(Topics.ALL));
    SinkConfig sinkConfig = SinkConfig.from(settings);
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(sinkConfig)) {
      admin.add(Subscription.newBuilder().setId("bench-file").setChannel(Channel.FILE)
          .setTarget(dir.resolve("alerts").toString()).build());
    }
    Latencies latencies = new Latencies();
    BenchCorpus corpus = new BenchCorpus(seedDir, 42);
    ArticleNormalizer normalizer = new ArticleNormalizer();
    AvroSerializer<Article> ser = new AvroSerializer<>(registry, false);
    EnrichConfig enrichConfig = EnrichConfig.from(settings);
    try (SinkService sink = startSink(sinkConfig, latencies);
        EnrichService enrich = EnrichService.start(enrichConfig, kafka, settings.registryConfig(), null)) {
      enrich.awaitRunning(Duration.ofSeconds(60));
      long heapIdle = JvmMeters.heapAfterFullGc();
      say("soak: %d s at %d articles/s (15 %% near and 10 %% exact duplicates); heap after full GC before the first "
          + "article: %d MB (committed %d MB, RSS %d MB)", soak.toSeconds(), soakRate, heapIdle >> 20,
          JvmMeters.heapCommitted() >> 20, JvmMeters.residentBytes().orElse(-1L) >> 20);
      ArrayNode samples = report.at("soak").putArray("samples");
      samples.addObject().put("t_s", 0).put("heap_mb", heapIdle >> 20)
          .put("rss_mb", JvmMeters.residentBytes().orElse(-1L) >> 20);
      // The start figure is the first one taken under load, one --soak-report in: caches filled, JIT done.
      long heapStart = -1;
      long interval = 1_000_000_000L / soakRate;
      long start = System.nanoTime();
      long end = start + soak.toNanos();
      long nextReport = start + soakReport.toNanos();
      long sent = 0;
      try (var p = new KafkaProducer<>(producerProps(kafka), new StringSerializer(), new ByteArraySerializer())) {
        for (long due = start; due < end; due += interval) {
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          Article a = normalize(normalizer, corpus.next());
          byte[] v = ser.serialize(Topics.ARTICLES_RAW.name(), a);
          latencies.sent(a.getId());
          p.send(new ProducerRecord<>(Topics.ARTICLES_RAW.name(), a.getId(), v));
          sent++;
          if (System.nanoTime() >= nextReport) {
            nextReport += soakReport.toNanos();
            // Duplicates never get an alert of their own: forget sends older than a minute.
            latencies.forgetOlderThan(Duration.ofMinutes(1));
            long[] ms = latencies.sortedMillis();
            latencies.clear();
            long heap = JvmMeters.heapAfterFullGc();
            if (heapStart < 0) {
              heapStart = heap;
            }
            long t = Math.round(secondsSince(start));
            long rss = JvmMeters.residentBytes().orElse(-1L) >> 20;
            say("soak %5d s: %d articles sent, %d alerts delivered; heap after full GC %d MB, RSS %d MB; "
                + "latency p50 %d ms, p99 %d ms since the last line", t, sent, latencies.delivered(), heap >> 20, rss,
                percentile(ms, 0.5), percentile(ms, 0.99));
            samples.addObject().put("t_s", t).put("sent", sent).put("heap_mb", heap >> 20).put("rss_mb", rss)
                .put("p50_ms", percentile(ms, 0.5)).put("p99_ms", percentile(ms, 0.99));
          }
        }
        p.flush();
      }
      double sendSeconds = secondsSince(start);
      IdleWatcher idle = new IdleWatcher(kafka, List.of(enrichConfig.applicationId(), sinkConfig.groupId()),
          Map.of(enrichConfig.applicationId(), List.of(enrichConfig.rawTopic())));
      idle.awaitIdle(Duration.ofMinutes(5), 2);
      long[] ms = latencies.sortedMillis();
      long heapEnd = JvmMeters.heapAfterFullGc();
      long rssEnd = JvmMeters.residentBytes().orElse(-1L) >> 20;
      double rate = sent / sendSeconds;
      double drainSeconds = secondsSince(start) - sendSeconds;
      if (heapStart < 0) {
        heapStart = heapIdle;
      }
      say("soak end: %d articles sent in %.0f s (%.0f/s), the backlog drained %.0f s later, %d alerts; heap after full GC "
          + "at the end: %d MB (start %d MB, before the first article %d MB), RSS %d MB", sent, sendSeconds, rate,
          drainSeconds, latencies.delivered(), heapEnd >> 20, heapStart >> 20, heapIdle >> 20, rssEnd);
      report.at("soak").put("articles", sent).put("articles_per_s", BenchReport.round(rate, 1))
          .put("drain_after_s", BenchReport.round(drainSeconds, 1)).put("alerts", latencies.delivered())
          .put("heap_idle_mb", heapIdle >> 20).put("heap_start_mb", heapStart >> 20).put("heap_end_mb", heapEnd >> 20)
          .put("rss_end_mb", rssEnd);
      say("results: %s", report.write(results));
      say("soak_s=%d articles=%d heap_start_mb=%d heap_end_mb=%d p50_ms=%d p99_ms=%d", soak.toSeconds(), sent,
          heapStart >> 20, heapEnd >> 20, percentile(ms, 0.5), percentile(ms, 0.99));
    }
    return 0;
  }

  private static SinkService startSink(SinkConfig config, Latencies latencies) {
    SinkService sink = new SinkService(config, SinkOptions.defaults().withOnAlert(latencies::onAlert));
    sink.start();
    return sink;
  }

  private ObjectNode stage(String name, double perSecond, double cpuUsPerArticle) {
    return report.at("stages." + name).put("articles_per_s", BenchReport.round(perSecond, 1))
        .put("cpu_us_per_article", BenchReport.round(cpuUsPerArticle, 1));
  }

  private static boolean isSinkThread(String name) {
    return name.startsWith("sink-") || name.startsWith("webhook-") || name.contains("newswatch-sink");
  }

  private static int streamThreads(EnrichService enrich) {
    return enrich.streams().metadataForLocalThreads().size();
  }

  private Settings settings(PlatformConfig platform, Path dir) {
    Map<String, String> d = EmbeddedDefaults.of(platform, dir);
    d.put(Settings.MANAGEMENT_PORT, "-1");
    d.put(SinkConfig.LIVE_PORT, "-1");
    return ConfigKeys.checked(Settings.load(d, null, Map.of(), overrides));
  }

  private static Article normalize(ArticleNormalizer normalizer, RawArticle raw) {
    try {
      return normalizer.normalize(raw, Instant.now());
    } catch (InvalidArticleException e) {
      throw new IllegalStateException("generated article rejected: " + e.getMessage(), e);
    }
  }

  /** The corpus after ingest's normalizer, with the wall time and the thread CPU time it took. */
  private record Normalized(List<Article> articles, double seconds, long cpuNanos) {}

  /** Normalizes on {@code threads} threads, each with its own normalizer, keeping the order. */
  private static Normalized normalizeAll(List<RawArticle> raws, int threads) throws InterruptedException {
    Article[] out = new Article[raws.size()];
    // The workers reach the arrays through this box, emptied once they are done: a finished platform
    // thread stayed reachable with its task, and the task's captured array kept every normalized
    // article on the heap for the rest of the run (found in a heap dump: 100,000 articles, ~600 MB).
    AtomicReference<Object[]> work = new AtomicReference<>(new Object[] {out, raws});
    AtomicLong cpu = new AtomicLong();
    List<ArticleNormalizer> normalizers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      normalizers.add(new ArticleNormalizer());
    }
    List<Thread> workers = new ArrayList<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int first = t;
      workers.add(Thread.ofPlatform().name("bench-normalize-" + t).start(() -> {
        long c0 = ThreadCpu.currentThreadNanos();
        try {
          Article[] into = (Article[]) work.get()[0];
          @SuppressWarnings("unchecked")
          List<RawArticle> from = (List<RawArticle>) work.get()[1];
          for (int i = first; i < into.length; i += threads) {
            into[i] = normalize(normalizers.get(first), from.get(i));
          }
        } catch (RuntimeException e) {
          failure.set(e);
        }
        cpu.addAndGet(ThreadCpu.currentThreadNanos() - c0);
      }));
    }
    try {
      for (Thread w : workers) {
        w.join();
      }
    } finally {
      work.set(null);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return new Normalized(List.of(out), secondsSince(t0), cpu.get());
  }

  /** Seconds and CPU nanoseconds (sending thread and producer I/O thread) of one publish. */
  private record Published(double seconds, long cpuNanos) {}

  /** Produces like ingest does (a fresh producer: idempotent, acks=all, zstd), on a thread of its own. */
  private static Published publish(Properties producerProps, List<String> keys, List<byte[]> values) throws Exception {
    Properties pp = new Properties();
    pp.putAll(producerProps);
    pp.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-publish");
    AtomicReference<Published> result = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread t = Thread.ofPlatform().name("bench-publish").start(() -> {
      try {
        ThreadCpu cpu = ThreadCpu.start(n -> n.contains("bench-publish"));
        long t0 = System.nanoTime();
        try (var p = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
          for (int i = 0; i < keys.size(); i++) {
            p.send(new ProducerRecord<>(Topics.ARTICLES_RAW.name(), keys.get(i), values.get(i)));
          }
          p.flush();
          double seconds = secondsSince(t0);
          // Read before close: the producer's I/O thread ends with it.
          result.set(new Published(seconds, cpu.nanos()));
        }
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    t.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  private static void paced(Properties kafka, List<String> keys, List<byte[]> values, Latencies latencies, int rate)
      throws InterruptedException {
    try (var p = new KafkaProducer<>(producerProps(kafka), new StringSerializer(), new ByteArraySerializer())) {
      long interval = 1_000_000_000L / Math.max(1, rate);
      long start = System.nanoTime();
      for (int i = 0; i < keys.size(); i++) {
        long due = start + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        latencies.sent(keys.get(i));
        p.send(new ProducerRecord<>(Topics.ARTICLES_RAW.name(), keys.get(i), values.get(i)));
      }
      p.flush();
    }
  }

  private static Properties producerProps(Properties kafka) {
    Properties pp = new Properties();
    pp.putAll(kafka);
    pp.put(ProducerConfig.ACKS_CONFIG, "all");
    pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    pp.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    pp.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    pp.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    return pp;
  }

  private final long benchStart = System.nanoTime();
  /** Articles enrich decided in each whole second of the backfill (one instance only). */
  private final List<Long> decidedPerSecond = new ArrayList<>();

  /** What a read of the tagged topic found: its committed records, and when half and all of them were there. */
  private record Counted(long records, double halfS, double allS) {}

  /**
   * Reads {@code topic} from the start (read_committed, assigned partitions, no group) until it holds
   * {@code expected} records or 30 minutes pass, then a second more for records beyond them. The
   * times are seconds since the bench's start when half and all of {@code expected} were read.
   */
  private Counted countCommitted(Properties kafka, String topic, int expected) {
    Properties cp = new Properties();
    cp.putAll(kafka);
    cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    long n = 0;
    double half = -1;
    double all = -1;
    try (var c = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
      while (n < expected && System.nanoTime() < deadline) {
        n += c.poll(Duration.ofMillis(100)).count();
        if (half < 0 && n >= expected / 2) {
          half = (System.nanoTime() - benchStart) / 1e9;
        }
      }
      all = (System.nanoTime() - benchStart) / 1e9;
      long extra = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      while (System.nanoTime() < extra) {
        n += c.poll(Duration.ofMillis(100)).count();
      }
    }
    return new Counted(n, half, all);
  }

  /** Articles this JVM's enrich decided (and sent to the tagged topic), by its own counter. */
  private static double decidedArticles(SimpleMeterRegistry meters) {
    return meters.find(EnrichMetrics.ARTICLES).counters().stream().mapToDouble(Counter::count).sum();
  }

  /**
   * Seconds since the bench's start when half of {@code expected} articles were decided, and when all
   * of them were decided and committed. With one stream thread: its next commit after the last
   * decision (it counts decisions and commits on the same thread, so that commit holds them all).
   * With more: a commit interval and 100 ms after the last decision (its record has left the
   * producer by then unless the thread stalled), the tagged topic has no open transaction in two
   * checks a commit interval apart with nothing new.
   */
  private double[] awaitDecided(SimpleMeterRegistry meters, KafkaStreams streams, Properties kafka, String topic,
      int expected, Duration commitInterval) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    double half = -1;
    long t0 = System.nanoTime();
    long lastCount = 0;
    // One registry search per 20 ms: a search walks every meter (Kafka's clients register hundreds),
    // and this thread shares the two cores with the pipeline it measures.
    for (double decided = decidedArticles(meters); decided < expected; decided = decidedArticles(meters)) {
      if (half < 0 && decided >= expected / 2) {
        half = (System.nanoTime() - benchStart) / 1e9;
      }
      // The warm-up's shape: articles decided in each whole second after enrich was running.
      while (System.nanoTime() - t0 >= (decidedPerSecond.size() + 1) * 1_000_000_000L) {
        decidedPerSecond.add(Math.round(decided) - lastCount);
        lastCount = Math.round(decided);
      }
      checkDeadline(deadline, "enrich decided " + decided + " of " + expected + " articles");
      TimeUnit.MILLISECONDS.sleep(20);
    }
    if (half < 0) {
      half = (System.nanoTime() - benchStart) / 1e9;
    }
    Map<String, Double> commits = commitTotals(streams);
    if (commits.size() == 1) {
      double before = commits.values().iterator().next();
      while (commitTotals(streams).values().stream().mapToDouble(Double::doubleValue).sum() <= before) {
        checkDeadline(deadline, "enrich did not commit its last decisions");
        TimeUnit.MILLISECONDS.sleep(2);
      }
      return new double[] {half, (System.nanoTime() - benchStart) / 1e9};
    }
    long pauseMs = commitInterval.toMillis() + 20;
    TimeUnit.MILLISECONDS.sleep(commitInterval.toMillis() + 100);
    try (Admin admin = Admin.create(kafka)) {
      Map<TopicPartition, Long> previous = null;
      while (true) {
        Map<TopicPartition, Long> open = committedEnds(admin, topic);
        if (open != null && open.equals(previous)) {
          return new double[] {half, (System.nanoTime() - benchStart) / 1e9};
        }
        checkDeadline(deadline, topic + " keeps an open transaction");
        previous = open;
        TimeUnit.MILLISECONDS.sleep(pauseMs);
      }
    }
  }

  private static void checkDeadline(long deadlineNanos, String what) {
    if (System.nanoTime() > deadlineNanos) {
      throw new IllegalStateException("the backfill did not finish in 30 minutes: " + what);
    }
  }

  /** Per stream thread, the commits it completed (Kafka Streams' thread metric {@code commit-total}). */
  private static Map<String, Double> commitTotals(KafkaStreams streams) {
    Map<String, Double> out = new TreeMap<>();
    for (var e : streams.metrics().entrySet()) {
      MetricName m = e.getKey();
      if (m.group().equals("stream-thread-metrics") && m.name().equals("commit-total")
          && e.getValue().metricValue() instanceof Number n) {
        out.put(m.tags().get("thread-id"), n.doubleValue());
      }
    }
    return out;
  }

  /** The partitions' ends when no transaction is open on them (last stable offset = end), else null. */
  private static Map<TopicPartition, Long> committedEnds(Admin admin, String topic) throws Exception {
    int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
        .partitions().size();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
        .get(10, TimeUnit.SECONDS);
    var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
        .get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    for (TopicPartition tp : latest.keySet()) {
      if (stable.get(tp).offset() != ends.get(tp).offset()) {
        return null;
      }
      out.put(tp, ends.get(tp).offset());
    }
    return out;
  }

  /** Bytes enrich's producers sent per topic of its own (changelogs, repartitions), compressed, by topic. */
  private static Map<String, Long> bytesWritten(KafkaStreams streams, String appId) {
    Map<String, Long> byTopic = new TreeMap<>();
    for (var e : streams.metrics().entrySet()) {
      MetricName m = e.getKey();
      String topic = m.tags().get("topic");
      if (m.group().equals("producer-topic-metrics") && m.name().equals("byte-total") && topic != null
          && topic.startsWith(appId + "-") && e.getValue().metricValue() instanceof Number n) {
        byTopic.merge(topic, n.longValue(), Long::sum);
      }
    }
    return byTopic;
  }

  private static long sumBySuffix(Map<String, Long> byTopic, String suffix) {
    return byTopic.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToLong(Map.Entry::getValue).sum();
  }

  private static double dedupBytesPerArticle(Properties kafka, EnrichConfig config, long remembered) throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      var names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(config.applicationId()) && t.endsWith("-changelog")
              && t.contains(StoreNames.DEDUP_INDEX))
          .toList();
      var nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(n -> n.id()).toList();
      long total = 0;
      for (var dirs : admin.describeLogDirs(nodes).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
        for (var d : dirs.values()) {
          for (var e : d.replicaInfos().entrySet()) {
            if (names.contains(e.getKey().topic())) {
              total += e.getValue().size();
            }
          }
        }
      }
      return total / (double) Math.max(1, remembered);
    }
  }

  private static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private void say(String fmt, Object... args) {
    report.say(fmt, args);
  }
}
