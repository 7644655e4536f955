package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Conditions that must hold together around a match of the first one (the key): within {@code
 * words} words and in the same sentence ({@code near}), in the same sentence ({@code sentence}), or
 * in the same or an adjacent sentence ({@code passage}). Each key match that finds a partner for
 * every other condition is one match, carrying the closest partner of each. Partners never overlap
 * the key or each other, so one word cannot play two parts. A negated condition ({@code not}) must
 * have no match in the same scope around the key: "crossed the border" counts for the land border
 * only if no boat or sea is in the sentence.
 */
final class CooccurExpr implements Expr {

  /** How far around the key the other conditions may be. */
  enum Scope {
    WORDS, SENTENCE, PASSAGE
  }

  /** Even a sentence-wide condition stops this many words from the key: run-on paragraphs are not sentences. */
  static final int MAX_SENTENCE_WORDS = 40;

  private final Scope scope;
  private final int words;
  private final List<Expr> groups;
  private final List<Expr> negated;
  /**
   * The positive groups in the order they are checked for holding anywhere in the article: cheapest
   * first. The match needs every group, so one with no match ends the evaluation, and the expensive
   * ones (a regular expression scans the raw text char by char) then never run: a rule whose key is
   * a pattern is tried only in articles that hold its words too. The result does not depend on the
   * order.
   */
  private final int[] checkOrder;
  private final int cost;

  CooccurExpr(Scope scope, int words, List<Expr> groups, List<Expr> negated) {
    this.scope = Objects.requireNonNull(scope, "scope");
    this.words = words;
    this.groups = List.copyOf(groups);
    this.negated = List.copyOf(negated);
    if (this.groups.isEmpty()) {
      throw new IllegalArgumentException("a co-occurrence needs at least one positive condition");
    }
    this.checkOrder = IntStream.range(0, this.groups.size()).boxed()
        .sorted(Comparator.comparingInt(g -> this.groups.get(g).cost()))
        .mapToInt(Integer::intValue).toArray();
    this.cost = this.groups.stream().mapToInt(Expr::cost).sum() + this.negated.stream().mapToInt(Expr::cost).sum();
  }

  Scope scope() {
    return scope;
  }

  int words() {
    return words;
  }

  List<Expr> groups() {
    return groups;
  }

  List<Expr> negated() {
    return negated;
  }

  @Override
  public int cost() {
    return cost;
  }

  @Override
  public String toString() {
    return "CooccurExpr[scope=" + scope + ", words=" + words + ", groups=" + groups + ", negated=" + negated + "]";
  }

  @Override
  public List<Match> evaluate(AnalyzedText text) {
    return text.cached(this, this::find);
  }

  private List<Match> find(AnalyzedText text) {
    @SuppressWarnings("unchecked")
    List<Match>[] matches = new List[groups.size()];
    for (int g : checkOrder) {
      matches[g] = groups.get(g).evaluate(text);
      if (matches[g].isEmpty()) {
        return List.of();
      }
    }
    List<Match> anchors = matches[0];
    // Partners can only be in the anchor's sentence (or the next/previous one for a passage):
    // bucket every group's matches by sentence so each anchor looks at a handful, not all.
    List<List<Match>[]> found = new ArrayList<>(groups.size());
    for (int g = 1; g < groups.size(); g++) {
      found.add(bySentence(text, matches[g]));
    }
    List<List<Match>[]> excluded = new ArrayList<>(negated.size());
    for (Expr not : negated) {
      excluded.add(bySentence(text, not.evaluate(text)));
    }
    List<Match> out = new ArrayList<>();
    for (Match anchor : anchors) {
      Span a = anchor.key();
      if (a == null || excludedAround(text, a, excluded)) {
        continue;
      }
      int sentence = text.sentenceOf(a.from());
      Match combined = anchor;
      for (int g = 0; g < found.size() && combined != null; g++) {
        Match best = null;
        int bestGap = Integer.MAX_VALUE;
        List<Match>[] buckets = found.get(g);
        for (int s = first(sentence); s <= last(sentence, buckets.length); s++) {
          List<Match> bucket = buckets[s];
          if (bucket == null) {
            continue;
          }
          for (Match candidate : bucket) {
            Span c = candidate.key();
            if (!inScope(text, a, c) || combined.overlaps(c)) {
              continue;
            }
            int gap = a.gap(c);
            if (gap < bestGap) {
              best = candidate;
              bestGap = gap;
            }
          }
        }
        combined = best == null ? null : combined.plus(best);
      }
      if (combined != null) {
        out.add(combined);
      }
    }
    return out;
  }

  private int first(int sentence) {
    return scope == Scope.PASSAGE ? Math.max(0, sentence - 1) : sentence;
  }

  private int last(int sentence, int sentences) {
    return scope == Scope.PASSAGE ? Math.min(sentences - 1, sentence + 1) : Math.min(sentences - 1, sentence);
  }

  @SuppressWarnings("unchecked")
  private static List<Match>[] bySentence(AnalyzedText text, List<Match> matches) {
    List<Match>[] buckets = new List[text.sentences().size()];
    for (Match m : matches) {
      Span key = m.key();
      if (key == null) {
        continue;
      }
      int s = text.sentenceOf(key.from());
      if (buckets[s] == null) {
        buckets[s] = new ArrayList<>(2);
      }
      buckets[s].add(m);
    }
    return buckets;
  }

  private boolean excludedAround(AnalyzedText text, Span key, List<List<Match>[]> excluded) {
    int sentence = text.sentenceOf(key.from());
    for (List<Match>[] buckets : excluded) {
      for (int s = first(sentence); s <= last(sentence, buckets.length); s++) {
        if (buckets[s] == null) {
          continue;
        }
        for (Match m : buckets[s]) {
          Span e = m.key();
          if (e.overlaps(key) || inScope(text, key, e)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean inScope(AnalyzedText text, Span a, Span c) {
    int sa = text.sentenceOf(a.from());
    int sc = text.sentenceOf(c.from());
    return switch (scope) {
      case WORDS -> sa == sc && a.gap(c) <= words;
      case SENTENCE -> sa == sc && a.gap(c) <= MAX_SENTENCE_WORDS;
      case PASSAGE -> Math.abs(sa - sc) <= 1
          && text.sentence(sa).field() == text.sentence(sc).field();
    };
  }

  @Override
  public boolean positive() {
    return true;
  }

  @Override
  public boolean reachable(TextLanguage language) {
    return groups.stream().allMatch(g -> g.reachable(language));
  }
}
