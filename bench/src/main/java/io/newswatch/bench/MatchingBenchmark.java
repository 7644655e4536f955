package io.newswatch.bench;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.matching.CorpusTermRarity;
import io.newswatch.enrich.matching.LuceneMonitorMatcher;
import io.newswatch.enrich.matching.QueryMatcher;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One article against the {@link QueryMix} stored queries, single-threaded: the anchor index versus
 * stock Lucene Monitor. {@link MatcherBench} gives the multi-threaded throughput.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class MatchingBenchmark {

  @Param({"anchor", "monitor"})
  public String engine;

  @Param({"10", "1000", "100000"})
  public int queries;

  @Param({"ar", "en"})
  public String lang;

  private QueryMatcher matcher;
  private BenchArticles articles;

  @Setup
  public void setUp() {
    TextLanguage language = TextLanguage.ofCode(lang);
    articles = new BenchArticles(lang);
    matcher = switch (engine) {
      case "anchor" -> new AnchorIndexMatcher(CorpusTermRarity.of(articles.all()));
      case "monitor" -> new LuceneMonitorMatcher();
      default -> throw new IllegalArgumentException("unknown engine " + engine + "; use anchor or monitor");
    };
    matcher.add(QueryMix.generate(language, BenchCorpus.base(language), queries, BenchArticles.SEED));
  }

  @TearDown
  public void tearDown() {
    matcher.close();
  }

  @Benchmark
  public List<String> match() {
    return matcher.match(articles.next());
  }
}
