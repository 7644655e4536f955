package io.newswatch.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.files.DirectoryImporter;
import io.newswatch.ingest.files.ImportLedger;
import io.newswatch.ingest.files.ImportReport;
import io.newswatch.ingest.files.LinkPolicy;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import io.newswatch.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prints how many articles per second a folder import normalizes with a given {@code ingest.threads}: files
 * read and parsed, articles normalized on the pool, serialized to Avro in order and acknowledged at once
 * (no broker, and nothing kept: the figure is ingest's own ceiling).
 * Not a test; BENCHMARKS.md has the command.
 *
 * <p>Arguments: threads [articles (default 20000)] [queue (default 512)]. The input is the seed articles
 * and {@code /pool/story.txt}, each published under many URLs, in JSON-lines files of 500.
 */
public final class PoolThroughput {

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int articles = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int queue = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    Path dir = Files.createTempDirectory("pool-throughput");
    try {
      List<String> bodies = bodies();
      Path warm = write(dir.resolve("warm"), Math.min(articles, 4_000), bodies, "warm");
      Path measured = write(dir.resolve("measured"), articles, bodies, "run");
      run(threads, queue, warm);
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long gc0 = gcMillis();
      long t0 = System.nanoTime();
      ImportReport report = run(threads, queue, measured);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long cpu = os.getProcessCpuTime() - cpu0;
      System.out.printf(Locale.ROOT, "folder import, ingest.threads=%d, ingest.queue=%d, %d cores: %d articles in %.2f s"
              + " = %.0f articles/s, %.0f µs process CPU per article, gc %d ms%n", threads, queue,
          Runtime.getRuntime().availableProcessors(), report.articles(), seconds, report.articles() / seconds,
          cpu / 1e3 / report.articles(), gcMillis() - gc0);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static ImportReport run(int threads, int queue, Path folder) throws IOException {
    DiscardingSink sink = new DiscardingSink();
    try (NormalizationPool pool = NormalizationPool.create(threads, queue, new ArticleNormalizer()::normalize, sink)) {
      DirectoryImporter importer = new DirectoryImporter(pool, ImportLedger.inMemory(),
          new IngestMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES,
          LinkPolicy.NONE);
      return importer.importDirectory(folder);
    }
  }

  /** The seed articles and {@code /pool/story.txt}: the bodies both throughput tools publish. */
  static List<String> bodies() throws IOException {
    List<String> bodies = new ArrayList<>();
    try (Stream<Path> seeds = Files.list(TestPaths.seeds())) {
      for (Path seed : seeds.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        bodies.add(Files.readString(seed, StandardCharsets.UTF_8));
      }
    }
    try (var in = PoolThroughput.class.getResourceAsStream("/pool/story.txt")) {
      bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return bodies;
  }

  private static Path write(Path folder, int articles, List<String> bodies, String prefix) throws IOException {
    Files.createDirectories(folder);
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    int file = 0;
    for (int i = 0; i < articles; i++) {
      Map<String, String> item = new LinkedHashMap<>();
      item.put("url", "https://news.example.test/" + prefix + "/" + i);
      item.put("title", "Article " + i);
      item.put("body", bodies.get(i % bodies.size()));
      lines.add(json.writeValueAsString(item));
      if (lines.size() == 500 || i == articles - 1) {
        Files.write(folder.resolve(String.format(Locale.ROOT, "%05d.jsonl", file++)), lines, StandardCharsets.UTF_8);
        lines.clear();
      }
    }
    return folder;
  }

  /** Serializes each record as the Kafka sink does, then drops it. */
  static final class DiscardingSink implements ArticleSink {
    private final AvroSerializer<Article> articles = new AvroSerializer<>(new InMemorySchemaRegistry(), false);
    private final AvroSerializer<DeadLetter> deadLetters = new AvroSerializer<>(new InMemorySchemaRegistry(), false);
    private long bytes;

    @Override
    public void accept(Article article) {
      bytes += articles.serialize("raw", article).length;
    }

    @Override
    public void reject(DeadLetter deadLetter) {
      bytes += deadLetters.serialize("rejected", deadLetter).length;
    }
  }

  static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
  }
}
