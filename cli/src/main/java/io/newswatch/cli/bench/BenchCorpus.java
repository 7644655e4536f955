package io.newswatch.cli.bench;

import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.schemas.avro.SourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Generates realistic articles from the seed articles: new stories made of seed sentences with a
 * share of their words swapped for other seed words (so shingles differ while topic phrases often
 * survive), near-duplicates (a story lightly edited by another outlet) and exact duplicates under
 * another URL. Deterministic for a given seed.
 */
public final class BenchCorpus {
  /** What share of generated articles are near-duplicates and exact duplicates of earlier ones. */
  public static final double NEAR_SHARE = 0.15;
  public static final double EXACT_SHARE = 0.10;
  private static final double WORD_SWAP = 0.30;

  private final List<String> sentences = new ArrayList<>();
  private final List<String> titles = new ArrayList<>();
  private final List<String> words = new ArrayList<>();
  private final SplittableRandom random;
  private final List<RawArticle> uniques = new ArrayList<>();
  private int counter;

  public BenchCorpus(Path seedDir, long seed) throws IOException {
    this.random = new SplittableRandom(seed);
    try (Stream<Path> files = Files.list(seedDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        titles.add(lines.get(0));
        for (String line : lines) {
          for (String s : line.split("(?<=[.!؟?])\\s+")) {
            if (s.length() > 40) {
              sentences.add(s.strip());
            }
          }
          for (String w : line.split("\\s+")) {
            if (w.length() > 2) {
              words.add(w);
            }
          }
        }
      }
    }
    if (sentences.isEmpty()) {
      throw new IOException("no seed articles (*.txt) in " + seedDir);
    }
  }

  /** The next article: unique most of the time, else a near or exact duplicate of an earlier one. */
  public RawArticle next() {
    double r = random.nextDouble();
    if (!uniques.isEmpty() && r < EXACT_SHARE) {
      RawArticle o = uniques.get(random.nextInt(uniques.size()));
      return copy(o, o.title(), o.body());
    }
    if (!uniques.isEmpty() && r < EXACT_SHARE + NEAR_SHARE) {
      RawArticle o = uniques.get(random.nextInt(uniques.size()));
      return copy(o, o.title(), edit(o.body()));
    }
    RawArticle a = unique();
    if (uniques.size() < 5000) {
      uniques.add(a);
    }
    return a;
  }

  /** A new story, never a duplicate by construction. */
  public RawArticle unique() {
    StringBuilder body = new StringBuilder();
    int n = 10 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      String s = sentences.get(random.nextInt(sentences.size()));
      StringBuilder swapped = new StringBuilder();
      for (String w : s.split(" ")) {
        swapped.append(random.nextDouble() < WORD_SWAP ? words.get(random.nextInt(words.size())) : w).append(' ');
      }
      body.append(swapped.toString().strip()).append(i % 3 == 2 ? "\n\n" : " ");
    }
    String title = titles.get(random.nextInt(titles.size())) + " " + (++counter);
    return new RawArticle("https://bench.example/" + counter, null, title, body.toString().strip(), Instant.now(), "ar",
        "bench.example", SourceType.HTTP, Map.of());
  }

  private String edit(String body) {
    String[] w = body.split(" ");
    for (int i = 0; i < w.length; i++) {
      if (random.nextDouble() < 0.03) {
        w[i] = words.get(random.nextInt(words.size()));
      }
    }
    return String.join(" ", w) + " " + sentences.get(random.nextInt(sentences.size()));
  }

  private RawArticle copy(RawArticle o, String title, String body) {
    counter++;
    return new RawArticle("https://mirror" + (counter % 7) + ".example/" + counter, null, title, body, Instant.now(), "ar",
        "mirror" + (counter % 7) + ".example", SourceType.HTTP, Map.of());
  }
}
