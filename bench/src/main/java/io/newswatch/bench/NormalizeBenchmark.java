package io.newswatch.bench;

import io.newswatch.enrich.tagging.Document;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** Ingest normalization: NFC, debris removal, language identification, URL and ids. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class NormalizeBenchmark {

  private static final Instant FETCHED = Instant.parse("2025-11-22T08:00:00Z");

  @Param({"ar", "en"})
  public String lang;

  private final ArticleNormalizer normalizer = new ArticleNormalizer();
  private List<RawArticle> raw;
  private int next;

  @Setup
  public void setUp() {
    raw = rawArticles(new BenchArticles(lang));
  }

  @Benchmark
  public Article normalize() throws InvalidArticleException {
    next = (next + 1) % raw.size();
    return normalizer.normalize(raw.get(next), FETCHED);
  }

  /** The benchmark articles as a feed would deliver them, with a tracking parameter in the URL. */
  static List<RawArticle> rawArticles(BenchArticles articles) {
    List<RawArticle> out = new ArrayList<>();
    for (Document doc : articles.all()) {
      out.add(
          new RawArticle(
              "https://news.example.org/world/" + doc.id() + "?utm_source=rss",
              null, doc.title(), doc.body(), FETCHED.minusSeconds(3600), doc.lang(), "news.example.org",
              SourceType.FEED, Map.of("feed", "bench")));
    }
    return out;
  }
}
