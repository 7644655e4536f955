package io.newswatch.bench;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.matching.CorpusTermRarity;
import io.newswatch.enrich.matching.LuceneMonitorMatcher;
import io.newswatch.enrich.matching.QueryError;
import io.newswatch.enrich.matching.QueryMatcher;
import io.newswatch.enrich.matching.StoredQuery;
import io.newswatch.enrich.tagging.Document;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Stored-query throughput, the figures quoted in the README: articles per second for the anchor
 * index and for stock Lucene Monitor at several numbers of stored queries, on several threads, and
 * the heap each stored query takes. A command-line tool, so it prints to standard output.
 *
 * <pre>
 * java -Xmx6g -cp bench/target/benchmarks.jar io.newswatch.bench.MatcherBench \
 *     [--sizes 10,1000,100000] [--threads 2] [--seconds 5] [--articles 200] [--engines anchor,monitor] [--langs ar,en]
 * </pre>
 */
public final class MatcherBench {

  private static final long SEED = 20_251_122L;

  private final List<Integer> sizes;
  private final int threads;
  private final double seconds;
  private final int articles;
  private final List<String> engines;
  private final List<TextLanguage> languages;
  private final PrintStream out;

  private MatcherBench(String[] args, PrintStream out) {
    this.out = out;
    String sizeList = "10,1000,100000";
    int threadCount = 2;
    double secondCount = 5;
    int articleCount = 200;
    String engineList = "anchor,monitor";
    String languageList = "ar,en";
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--sizes" -> sizeList = value;
        case "--threads" -> threadCount = Integer.parseInt(value);
        case "--seconds" -> secondCount = Double.parseDouble(value);
        case "--articles" -> articleCount = Integer.parseInt(value);
        case "--engines" -> engineList = value;
        case "--langs" -> languageList = value;
        default -> throw new IllegalArgumentException(
            "unknown option " + args[i] + "; use --sizes, --threads, --seconds, --articles, --engines or --langs");
      }
    }
    this.sizes = Arrays.stream(sizeList.split(",")).map(String::strip).map(Integer::parseInt).toList();
    this.threads = threadCount;
    this.seconds = secondCount;
    this.articles = articleCount;
    this.engines = List.of(engineList.split(","));
    this.languages =
        Arrays.stream(languageList.split(","))
            .map(code -> {
              TextLanguage language = TextLanguage.ofCode(code.strip());
              if (language == null) {
                throw new IllegalArgumentException("unknown language " + code + "; use ar or en");
              }
              return language;
            })
            .toList();
  }

  public static void main(String[] args) throws Exception {
    new MatcherBench(args, new PrintStream(System.out, true, StandardCharsets.UTF_8)).run();
  }

  private void run() throws Exception {
    out.printf(
        Locale.ROOT, "# %d threads, %.0f s per measurement, %d available processors, max heap %d MiB, %s%n",
        threads, seconds, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, Runtime.version());
    out.printf(
        Locale.ROOT, "%-4s %-8s %8s %10s %12s %10s %12s %8s %7s%n",
        "lang", "engine", "queries", "docs/s", "cpu us/doc", "matches", "bytes/query", "load s", "errors");
    int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
    for (TextLanguage language : languages) {
      List<Document> docs = BenchCorpus.articles(language, articles, SEED);
      double kib = docs.stream().mapToInt(d -> (d.title() + d.body()).getBytes(StandardCharsets.UTF_8).length).average().orElse(0) / 1024;
      out.printf(
          Locale.ROOT, "# %s: %d articles of %.1f KiB UTF-8 on average; corpus words by band %s%n",
          language.code(), docs.size(), kib, QueryMix.bandSizes(language, BenchCorpus.base(language)));
      List<StoredQuery> all = QueryMix.generate(language, BenchCorpus.base(language), largest, SEED);
      CorpusTermRarity rarity = CorpusTermRarity.of(docs);
      for (int size : sizes) {
        for (String engine : engines) {
          Supplier<QueryMatcher> factory = switch (engine.strip()) {
            case "anchor" -> () -> new AnchorIndexMatcher(rarity);
            case "monitor" -> LuceneMonitorMatcher::new;
            default -> throw new IllegalArgumentException("unknown engine " + engine + "; use anchor or monitor");
          };
          measure(language, engine.strip(), factory, all.subList(0, size), docs);
        }
      }
    }
  }

  private void measure(
      TextLanguage language, String engine, Supplier<QueryMatcher> factory, List<StoredQuery> queries, List<Document> docs)
      throws Exception {
    long heapBefore = usedHeapAfterGc();
    long loadStart = System.nanoTime();
    try (QueryMatcher matcher = factory.get()) {
      List<QueryError> errors = matcher.add(queries);
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      long heapAfter = usedHeapAfterGc();
      long matches = 0;
      for (Document doc : docs) {
        matches += matcher.match(doc).size();
      }
      run(matcher, docs, Math.min(seconds, 3)); // warm-up
      double[] result = run(matcher, docs, seconds);
      out.printf(
          Locale.ROOT, "%-4s %-8s %8d %10.0f %12.0f %10.1f %12d %8.1f %7d%n",
          language.code(), engine, queries.size(), result[0], result[1], (double) matches / docs.size(),
          (heapAfter - heapBefore) / Math.max(1, queries.size()), loadSeconds, errors.size());
    }
  }

  /**
   * Articles per second over all threads, each thread cycling through the articles, and CPU
   * microseconds per article: the second figure does not suffer when other processes share the
   * machine.
   */
  private double[] run(QueryMatcher matcher, List<Document> docs, double runSeconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      long deadline = start + (long) (runSeconds * 1e9);
      List<Future<long[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * docs.size() / threads;
        results.add(
            pool.submit(
                () -> {
                  ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
                  long cpuStart = cpu.getCurrentThreadCpuTime();
                  long count = 0;
                  long sink = 0;
                  for (int i = offset; System.nanoTime() < deadline; i++) {
                    sink += matcher.match(docs.get(i % docs.size())).size();
                    count++;
                  }
                  return new long[] {count, cpu.getCurrentThreadCpuTime() - cpuStart, sink};
                }));
      }
      long total = 0;
      long cpuNanos = 0;
      for (Future<long[]> result : results) {
        long[] r = result.get();
        total += r[0];
        cpuNanos += r[1];
      }
      return new double[] {total / ((System.nanoTime() - start) / 1e9), cpuNanos / 1e3 / Math.max(1, total)};
    } finally {
      pool.shutdown();
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
