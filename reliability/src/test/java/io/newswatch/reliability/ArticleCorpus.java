package io.newswatch.reliability;

import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Deterministic test articles grown from the seed files in {@code samples/seeds}: mostly unique
 * stories (a few seed sentences, so the taxonomy tags them, plus sentences of words drawn at random,
 * so no two stories look alike), some exact copies and some near copies of a recent story under a
 * new URL. The same seed and index always give the same article.
 */
final class ArticleCorpus {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?؟])\\s+|\\n+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");
  private static final int RECENT = 256;

  /** What an article of the corpus is, before enrich decides. */
  enum Kind { STORY, EXACT_COPY, NEAR_COPY }

  private record Seed(String title, List<String> sentences) {}

  /** A generated article and how it was made. */
  record Generated(Article article, Kind kind) {}

  private final List<Seed> seeds;
  private final List<String> words;
  private final long seed;
  private final Instant start;

  private ArticleCorpus(List<Seed> seeds, List<String> words, long seed, Instant start) {
    this.seeds = seeds;
    this.words = words;
    this.seed = seed;
    this.start = start;
  }


  /** Reads every {@code .txt} seed: the first line is the headline, the rest the body. */
  static ArticleCorpus load(Path seedDir, long seed) {
    List<Seed> seeds = new ArrayList<>();
    Set<String> words = new LinkedHashSet<>();
    try (Stream<Path> files = Files.list(seedDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8).strip();
        int nl = text.indexOf('\n');
        String title = text.substring(0, nl).strip();
        List<String> sentences = SENTENCE_END.splitAsStream(text.substring(nl + 1))
            .map(String::strip).filter(s -> s.length() > 20).toList();
        seeds.add(new Seed(title, sentences));
        WORD.matcher(text).results().forEach(m -> words.add(m.group()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the seeds in " + seedDir, e);
    }
    if (seeds.isEmpty()) {
      throw new IllegalStateException("no .txt seed files in " + seedDir);
    }
    // Fetch times start a day ago: topics keep records for 30 days by their timestamp, so older test
    // records would be deleted by the broker's retention check within minutes. Content and ids do not
    // depend on the times.
    Instant start = Instant.now().minus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    return new ArticleCorpus(List.copyOf(seeds), List.copyOf(words), seed, start);
  }

  /** The seed folder of the repository: {@code samples/seeds} under {@code newswatch.repo.root}. */
  static Path repoSeeds() {
    return Path.of(System.getProperty("newswatch.repo.root", "..")).resolve("samples/seeds");
  }

  /**
   * The first {@code n} articles, in order. Copies always point back at a story among the last few
   * hundred, so that they fall inside any dedup horizon and the generator needs little memory.
   */
  Stream<Generated> stream(int n) {
    List<Article> recent = new ArrayList<>();
    return Stream.iterate(0, i -> i < n, i -> i + 1).map(i -> {
      SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
      double roll = rnd.nextDouble();
      Generated g;
      if (recent.size() > 10 && roll < 0.08) {
        g = new Generated(copy(i, recent.get(rnd.nextInt(recent.size())), null), Kind.EXACT_COPY);
      } else if (recent.size() > 10 && roll < 0.16) {
        g = new Generated(copy(i, recent.get(rnd.nextInt(recent.size())), rnd), Kind.NEAR_COPY);
      } else {
        g = new Generated(story(i, rnd), Kind.STORY);
        recent.add(g.article());
        if (recent.size() > RECENT) {
          recent.remove(0);
        }
      }
      return g;
    });
  }

  private Article story(int i, SplittableRandom rnd) {
    Seed s = seeds.get(rnd.nextInt(seeds.size()));
    StringBuilder body = new StringBuilder();
    int fromSeed = 2 + rnd.nextInt(3);
    for (int k = 0; k < fromSeed; k++) {
      body.append(s.sentences().get(rnd.nextInt(s.sentences().size()))).append(' ');
    }
    int invented = 6 + rnd.nextInt(4);
    for (int k = 0; k < invented; k++) {
      int len = 10 + rnd.nextInt(10);
      for (int w = 0; w < len; w++) {
        body.append(words.get(rnd.nextInt(words.size()))).append(' ');
      }
      body.setLength(body.length() - 1);
      body.append(k % 3 == 2 ? ".\n" : ". ");
    }
    body.append(s.sentences().get(rnd.nextInt(s.sentences().size())));
    return article(i, s.title() + " " + (i + 1), body.toString().strip());
  }

  /** An exact copy (same text) or, with {@code rnd}, a near copy (one sentence dropped, one word changed). */
  private Article copy(int i, Article original, SplittableRandom rnd) {
    String body = original.getBody();
    if (rnd != null) {
      List<String> sentences = new ArrayList<>(List.of(body.split("(?<=\\.) ")));
      if (sentences.size() > 3) {
        sentences.remove(1 + rnd.nextInt(sentences.size() - 2));
      }
      body = String.join(" ", sentences) + " " + words.get(rnd.nextInt(words.size())) + ".";
    }
    return article(i, original.getTitle(), body);
  }

  private Article article(int i, String title, String body) {
    String url = "https://news.example/" + seed + "/" + i;
    return Article.newBuilder()
        .setId(sha256(url).substring(0, 32))
        .setUrl(url)
        .setCanonicalUrl(url)
        .setSource("news.example")
        .setSourceType(SourceType.FILE)
        .setTitle(title)
        .setBody(body)
        .setLang("ar")
        .setPublishedAt(start.plusSeconds(i))
        .setFetchedAt(start.plusSeconds(i))
        .setContentHash(sha256(body))
        .setAttributes(Map.of("corpus.index", Integer.toString(i)))
        .build();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
