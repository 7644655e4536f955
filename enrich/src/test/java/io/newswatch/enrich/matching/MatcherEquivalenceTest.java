package io.newswatch.enrich.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.tagging.Document;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random queries over the words of real articles, random articles mixed from their sentences: the
 * anchor index must return exactly what brute force and Lucene Monitor return.
 */
class MatcherEquivalenceTest {

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?؟])\\s+");
  private static final Pattern WORD_SPLIT = Pattern.compile("[\\s\\p{Punct}«»،؛“”—]+");
  private static final int QUERIES = 3_000;
  private static final int ARTICLES = 120;

  @Test
  void shouldReturnTheSameIdsAsBruteForceAndMonitorWhenQueriesAreRandom() {
    Random random = new Random(20_251_122L);
    List<Document> base = MatchingFixtures.evaluationArticles();
    List<String> words = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    for (Document doc : base) {
      for (String sentence : SENTENCE_END.split(doc.body())) {
        sentences.add(sentence);
        for (String word : WORD_SPLIT.split(sentence)) {
          if (!word.isBlank()) {
            words.add(word);
          }
        }
      }
    }
    List<StoredQuery> queries = new ArrayList<>();
    for (int i = 0; i < QUERIES; i++) {
      TextLanguage language = random.nextInt(4) == 0 ? null : TextLanguage.values()[random.nextInt(2)];
      queries.add(new StoredQuery("q" + i, randomQuery(random, words, sentences, 3), language));
    }
    List<Document> articles = new ArrayList<>(base);
    while (articles.size() < ARTICLES) {
      articles.add(mixedArticle(random, base, articles.size()));
    }

    try (AnchorIndexMatcher anchor = new AnchorIndexMatcher(CorpusTermRarity.of(base));
        LuceneMonitorMatcher monitor = new LuceneMonitorMatcher();
        BruteForceMatcher reference = new BruteForceMatcher()) {
      List<QueryError> referenceErrors = reference.add(queries);
      assertThat(anchor.add(queries)).isEqualTo(referenceErrors);
      assertThat(monitor.add(queries)).isEqualTo(referenceErrors);
      // Removal, and slots reused by replacements, must leave the index consistent too.
      List<String> removed = queries.stream().map(StoredQuery::id).filter(id -> id.endsWith("7")).toList();
      anchor.remove(removed);
      monitor.remove(removed);
      reference.remove(removed);
      List<StoredQuery> replacements = new ArrayList<>();
      for (int i = 0; i < queries.size(); i += 10) {
        StoredQuery other = queries.get((i + 1) % queries.size());
        replacements.add(new StoredQuery(queries.get(i).id(), other.query(), other.language()));
      }
      assertThat(anchor.add(replacements)).isEqualTo(reference.add(replacements));
      monitor.add(replacements);
      assertThat(anchor.size()).isEqualTo(reference.size()).isEqualTo(monitor.size());

      long total = 0;
      for (Document article : articles) {
        List<String> expected = reference.match(article);
        total += expected.size();
        assertThat(anchor.match(article)).as(article.id()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(monitor.match(article)).as(article.id()).containsExactlyInAnyOrderElementsOf(expected);
      }
      // The comparison means something only if queries do match, and not all of them.
      assertThat(total).isBetween((long) articles.size(), (long) articles.size() * reference.size() / 2);
    }
  }

  private static String randomQuery(Random random, List<String> words, List<String> sentences, int depth) {
    int kind = depth == 0 ? random.nextInt(2) : random.nextInt(7);
    return switch (kind) {
      case 0 -> words.get(random.nextInt(words.size()));
      case 1 -> "\"" + phrase(random, sentences) + "\"";
      case 2, 3 -> clauses(random, words, sentences, depth, " AND ");
      case 4 -> clauses(random, words, sentences, depth, " OR ");
      case 5 -> clauses(random, words, sentences, depth, " ");
      default -> "NOT " + randomQuery(random, words, sentences, depth - 1);
    };
  }

  private static String clauses(
      Random random, List<String> words, List<String> sentences, int depth, String operator) {
    List<String> parts = new ArrayList<>();
    for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
      parts.add(randomQuery(random, words, sentences, depth - 1));
    }
    return "(" + String.join(operator, parts) + ")";
  }

  /** Two or three consecutive words of a sentence, so that phrases do occur in articles. */
  private static String phrase(Random random, List<String> sentences) {
    String[] words = WORD_SPLIT.split(sentences.get(random.nextInt(sentences.size())).strip());
    if (words.length < 2) {
      return words[0].isBlank() ? "x" : words[0];
    }
    int length = Math.min(words.length, 2 + random.nextInt(2));
    int start = random.nextInt(words.length - length + 1);
    return String.join(" ", List.of(words).subList(start, start + length));
  }

  private static Document mixedArticle(Random random, List<Document> base, int n) {
    Document first = base.get(random.nextInt(base.size()));
    List<String> sentences = new ArrayList<>();
    for (Document doc : base) {
      if (doc.lang().equals(first.lang())) {
        for (String sentence : SENTENCE_END.split(doc.body())) {
          if (random.nextInt(8) == 0) {
            sentences.add(sentence);
          }
        }
      }
    }
    Collections.shuffle(sentences, random);
    return new Document("mix-" + n, first.title(), String.join(" ", sentences), first.lang());
  }
}
