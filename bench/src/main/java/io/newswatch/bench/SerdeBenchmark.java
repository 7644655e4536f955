package io.newswatch.bench;

import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import io.newswatch.schemas.serde.AvroSerde;
import java.time.Instant;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Warmup;

/** Avro serialization of an {@link Article} in the registry wire format, both ways. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SerdeBenchmark {

  private static final String TOPIC = "news.articles.raw";

  @Param({"ar", "en"})
  public String lang;

  private AvroSerde<Article> serde;
  private final List<Article> articles = new ArrayList<>();
  private final List<byte[]> encoded = new ArrayList<>();
  private int next;

  @Setup
  public void setUp() throws InvalidArticleException {
    serde = AvroSerde.specific(new InMemorySchemaRegistry(), Article.class, false);
    ArticleNormalizer normalizer = new ArticleNormalizer();
    for (var raw : NormalizeBenchmark.rawArticles(new BenchArticles(lang))) {
      Article article = normalizer.normalize(raw, Instant.EPOCH);
      articles.add(article);
      encoded.add(serde.serializer().serialize(TOPIC, article));
    }
  }

  @Benchmark
  public byte[] serialize() {
    next = (next + 1) % articles.size();
    return serde.serializer().serialize(TOPIC, articles.get(next));
  }

  @Benchmark
  public Article deserialize() {
    next = (next + 1) % encoded.size();
    return serde.deserializer().deserialize(TOPIC, encoded.get(next));
  }
}
