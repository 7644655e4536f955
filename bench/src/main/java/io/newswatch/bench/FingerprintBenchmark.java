package io.newswatch.bench;

import io.newswatch.enrich.dedup.Fingerprint;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.tagging.Document;
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
import org.openjdk.jmh.annotations.Warmup;

/** Dedup fingerprinting: content hash, shingles, MinHash signature and LSH band keys. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class FingerprintBenchmark {

  @Param({"ar", "en"})
  public String lang;

  private final Fingerprinter fingerprinter = Fingerprinter.withDefaults();
  private BenchArticles articles;

  @Setup
  public void setUp() {
    articles = new BenchArticles(lang);
  }

  @Benchmark
  public Fingerprint fingerprint() {
    Document doc = articles.next();
    return fingerprinter.fingerprint(doc.title() + "\n" + doc.body());
  }
}
