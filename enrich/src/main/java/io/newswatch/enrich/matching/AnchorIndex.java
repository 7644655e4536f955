package io.newswatch.enrich.matching;

import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The queries of one language, each filed under its anchor terms: a set of terms of which any
 * matching article must contain at least one (the rarest term of an AND, every branch of an OR).
 * Not thread-safe: {@link AnchorIndexMatcher} guards it with a read-write lock.
 */
final class AnchorIndex {

  private static final int[] EMPTY = new int[0];

  private final TextLanguage language;
  private final TermRarity rarity;
  private final CharArrayMap<Integer> dictionary = new CharArrayMap<>(1024, false);
  private int vocabularySize;
  private int[][] postings = new int[1024][];
  private int[] postingSizes = new int[1024];

  private CompiledQuery[] slots = new CompiledQuery[1024];
  private int slotsUsed;
  private int[] freeSlots = new int[64];
  private int freeCount;
  private final Map<String, Integer> slotById = new HashMap<>();
  private int[] alwaysCheck = new int[16];
  private int alwaysCount;

  AnchorIndex(TextLanguage language, TermRarity rarity) {
    this.language = language;
    this.rarity = rarity;
  }

  boolean contains(String id) {
    return slotById.containsKey(id);
  }

  int size() {
    return slotById.size();
  }

  /** Files an analyzed query, replacing one with the same id. */
  void add(String id, QueryNode query) {
    remove(id);
    Anchors anchors = anchors(query);
    int[] anchorIds = anchors == null ? null : anchors.terms.stream().distinct().mapToInt(this::termId).toArray();
    CompiledQuery compiled = new CompiledQuery(id, compile(query), anchorIds);
    int slot = freeCount > 0 ? freeSlots[--freeCount] : nextSlot();
    slots[slot] = compiled;
    slotById.put(id, slot);
    if (anchorIds == null) {
      alwaysCheck = append(alwaysCheck, alwaysCount++, slot);
    } else {
      for (int term : anchorIds) {
        postings[term] = append(postings[term] == null ? EMPTY : postings[term], postingSizes[term]++, slot);
      }
    }
  }

  /** Removes a query; false when there was none with this id. */
  boolean remove(String id) {
    Integer slot = slotById.remove(id);
    if (slot == null) {
      return false;
    }
    CompiledQuery compiled = slots[slot];
    if (compiled.anchors == null) {
      alwaysCount = removeValue(alwaysCheck, alwaysCount, slot);
    } else {
      for (int term : compiled.anchors) {
        postingSizes[term] = removeValue(postings[term], postingSizes[term], slot);
      }
    }
    slots[slot] = null;
    if (freeCount == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
    }
    freeSlots[freeCount++] = slot;
    return true;
  }

  /** Adds the ids of the queries matching an article (title and body) to {@code out}. */
  void match(String title, String body, ArticleTerms article, List<String> out) {
    article.reset(vocabularySize, slots.length);
    analyze(title, article);
    // One unknown position between title and body, so no phrase spans the two.
    article.add(ArticleTerms.UNKNOWN);
    analyze(body, article);
    for (int i = 0; i < article.distinctCount; i++) {
      int term = article.distinct[i];
      int[] posting = postings[term];
      for (int j = 0, n = postingSizes[term]; j < n; j++) {
        check(posting[j], article, out);
      }
    }
    for (int i = 0; i < alwaysCount; i++) {
      check(alwaysCheck[i], article, out);
    }
  }

  private void check(int slot, ArticleTerms article, List<String> out) {
    if (article.firstVisit(slot)) {
      CompiledQuery query = slots[slot];
      if (query.root.matches(article)) {
        out.add(query.id);
      }
    }
  }

  private void analyze(String text, ArticleTerms article) {
    if (text.isEmpty()) {
      return;
    }
    try (TokenStream stream = TextAnalysis.analyzer(language).tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        // Keep positions as Lucene counts them, so phrases agree with a Lucene index.
        for (int gap = increment.getPositionIncrement() - 1; gap > 0; gap--) {
          article.add(ArticleTerms.UNKNOWN);
        }
        Integer id = dictionary.get(term.buffer(), 0, term.length());
        article.add(id == null ? ArticleTerms.UNKNOWN : id);
      }
      stream.end();
    } catch (IOException e) {
      // Analysis of an in-memory string cannot do I/O; reaching here is a Lucene bug.
      throw new UncheckedIOException("analysis of in-memory text failed", e);
    }
  }

  private CompiledQuery.Node compile(QueryNode node) {
    return switch (node) {
      case QueryNode.Term term ->
          new CompiledQuery.TermNode(termId(term.term()), frequency(term.term()));
      case QueryNode.Phrase phrase ->
          new CompiledQuery.PhraseNode(
              phrase.terms().stream().mapToInt(this::termId).toArray(),
              phrase.terms().stream().mapToDouble(this::frequency).min().orElse(1) / 2);
      case QueryNode.And and -> {
        CompiledQuery.Node[] clauses = compileAll(and.clauses());
        // Rarest first, negations (frequency near 1) last: most articles fail the first clause.
        Arrays.sort(clauses, Comparator.comparingDouble(c -> c.frequency));
        yield new CompiledQuery.AndNode(clauses, clauses[0].frequency);
      }
      case QueryNode.Or or -> {
        CompiledQuery.Node[] clauses = compileAll(or.clauses());
        Arrays.sort(clauses, Comparator.comparingDouble((CompiledQuery.Node c) -> c.frequency).reversed());
        double sum = Arrays.stream(clauses).mapToDouble(c -> c.frequency).sum();
        yield new CompiledQuery.OrNode(clauses, Math.min(1, sum));
      }
      case QueryNode.Not not -> new CompiledQuery.NotNode(compile(not.clause()));
      case QueryNode.Text text ->
          throw new IllegalArgumentException("query is not analyzed: " + text + "; use QueryAnalysis");
    };
  }

  private CompiledQuery.Node[] compileAll(List<QueryNode> clauses) {
    CompiledQuery.Node[] out = new CompiledQuery.Node[clauses.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = compile(clauses.get(i));
    }
    return out;
  }

  /** Terms one of which every matching article contains, chosen to be rare; null if none exist. */
  private Anchors anchors(QueryNode node) {
    return switch (node) {
      case QueryNode.Term term -> new Anchors(frequency(term.term()), List.of(term.term()));
      case QueryNode.Phrase phrase -> {
        String rarest = phrase.terms().stream().min(Comparator.comparingDouble(this::frequency)).orElseThrow();
        yield new Anchors(frequency(rarest), List.of(rarest));
      }
      case QueryNode.And and -> {
        Anchors best = null;
        for (QueryNode clause : and.clauses()) {
          Anchors candidate = anchors(clause);
          if (candidate != null && (best == null || candidate.cost < best.cost)) {
            best = candidate;
          }
        }
        yield best;
      }
      case QueryNode.Or or -> {
        List<String> terms = new ArrayList<>();
        double cost = 0;
        for (QueryNode clause : or.clauses()) {
          Anchors branch = anchors(clause);
          if (branch == null) {
            yield null;
          }
          terms.addAll(branch.terms);
          cost += branch.cost;
        }
        yield new Anchors(cost, terms);
      }
      case QueryNode.Not not -> null;
      case QueryNode.Text text ->
          throw new IllegalArgumentException("query is not analyzed: " + text + "; use QueryAnalysis");
    };
  }

  private double frequency(String term) {
    return rarity.documentFrequency(term, language);
  }

  private int termId(String term) {
    Integer id = dictionary.get(term);
    if (id != null) {
      return id;
    }
    int next = vocabularySize++;
    dictionary.put(term, next);
    if (next == postings.length) {
      postings = Arrays.copyOf(postings, next * 2);
      postingSizes = Arrays.copyOf(postingSizes, next * 2);
    }
    return next;
  }

  private int nextSlot() {
    if (slotsUsed == slots.length) {
      slots = Arrays.copyOf(slots, slotsUsed * 2);
    }
    return slotsUsed++;
  }

  private static int[] append(int[] array, int size, int value) {
    int[] out = size == array.length ? Arrays.copyOf(array, Math.max(4, size * 2)) : array;
    out[size] = value;
    return out;
  }

  /** Removes one occurrence by swapping in the last element; returns the new size. */
  private static int removeValue(int[] array, int size, int value) {
    for (int i = 0; i < size; i++) {
      if (array[i] == value) {
        array[i] = array[size - 1];
        return size - 1;
      }
    }
    return size;
  }

  private record Anchors(double cost, List<String> terms) {}
}
