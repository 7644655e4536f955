package io.newswatch.bench;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.tagging.Document;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark articles: the five real Arabic seed articles ({@code samples/seeds}) and six English
 * news articles written for the benchmark ({@code corpus/en}), and deterministic variants of them
 * about {@value #TARGET_CHARS} characters long.
 *
 * <p>A variant keeps one base article's paragraphs in a lightly shuffled order, replaces about one
 * sentence in six by a sentence of another article of the same language, changes every number, and
 * is cut or extended with further sentences to the target length. Variants therefore share the
 * vocabulary and the word statistics of real news while no two are identical.
 */
public final class BenchCorpus {

  /** Characters per generated article (about 5 KB of English, 9 KB of UTF-8 Arabic). */
  public static final int TARGET_CHARS = 5_000;

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?؟])\\s+");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private BenchCorpus() {}

  /** The unmodified base articles of a language, first line as title. */
  public static List<Document> base(TextLanguage language) {
    String folder = "corpus/" + language.code();
    List<Document> out = new ArrayList<>();
    for (String name : read(folder + ".list").lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
      String text = read(folder + "/" + name).strip();
      int newline = text.indexOf('\n');
      out.add(new Document(name, text.substring(0, newline).strip(), text.substring(newline + 1).strip(), language.code()));
    }
    return out;
  }

  /** {@code count} variants of the base articles, the same for the same seed. */
  public static List<Document> articles(TextLanguage language, int count, long seed) {
    List<Document> bases = base(language);
    List<List<String>> sentencesByBase = new ArrayList<>();
    for (Document base : bases) {
      List<String> sentences = new ArrayList<>();
      for (String paragraph : base.body().split("\n")) {
        for (String sentence : SENTENCE_END.split(paragraph.strip())) {
          if (!sentence.isBlank()) {
            sentences.add(sentence.strip());
          }
        }
      }
      sentencesByBase.add(sentences);
    }
    Random random = new Random(seed);
    List<Document> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int b = i % bases.size();
      List<String> sentences = new ArrayList<>(sentencesByBase.get(b));
      // Light reordering: swap a few neighbouring sentences, as rewrites of the same story do.
      for (int s = 0; s + 1 < sentences.size(); s += 2 + random.nextInt(4)) {
        Collections.swap(sentences, s, s + 1);
      }
      for (int s = 0; s < sentences.size(); s++) {
        if (random.nextInt(6) == 0) {
          sentences.set(s, randomSentence(sentencesByBase, b, random));
        }
      }
      StringBuilder body = new StringBuilder(TARGET_CHARS + 400);
      for (String sentence : sentences) {
        if (body.length() >= TARGET_CHARS) {
          break;
        }
        body.append(sentence).append(random.nextInt(5) == 0 ? "\n" : " ");
      }
      while (body.length() < TARGET_CHARS) {
        body.append(randomSentence(sentencesByBase, b, random)).append(' ');
      }
      Document base = bases.get(b);
      out.add(
          new Document(
              String.format(Locale.ROOT, "%s-%05d", language.code(), i),
              renumber(base.title(), random),
              renumber(body.toString().strip(), random),
              language.code()));
    }
    return out;
  }

  private static String randomSentence(List<List<String>> sentencesByBase, int except, Random random) {
    int other = sentencesByBase.size() == 1 ? except : random.nextInt(sentencesByBase.size());
    List<String> sentences = sentencesByBase.get(other);
    return sentences.get(random.nextInt(sentences.size()));
  }

  private static String renumber(String text, Random random) {
    Matcher m = NUMBER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      int digits = m.group().length();
      m.appendReplacement(out, Integer.toString(digits == 1 ? 1 + random.nextInt(9) : 10 + random.nextInt(990 * digits)));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String read(String resource) {
    try (InputStream in = BenchCorpus.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "benchmark resource " + resource + " is missing; build the module with ./mvnw -pl bench package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read benchmark resource " + resource, e);
    }
  }
}
