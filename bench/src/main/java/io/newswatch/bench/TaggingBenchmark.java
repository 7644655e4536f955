package io.newswatch.bench;

import io.newswatch.enrich.tagging.TaggingResult;
import io.newswatch.enrich.tagging.TaxonomyTagger;
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

/** Topic tagging with the bundled taxonomy: analysis plus every topic's rules, with evidence. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TaggingBenchmark {

  @Param({"ar", "en"})
  public String lang;

  private TaxonomyTagger tagger;
  private BenchArticles articles;

  @Setup
  public void setUp() {
    tagger = TaxonomyTagger.withDefaultTaxonomy();
    articles = new BenchArticles(lang);
  }

  @Benchmark
  public TaggingResult tag() {
    return tagger.tag(articles.next());
  }
}
