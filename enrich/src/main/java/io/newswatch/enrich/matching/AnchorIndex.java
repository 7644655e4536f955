package io.newswatch.enrich.matching;

import io.newswatch.schemas.query.QueryNode;

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
  /** Ints per posting entry: slot, guard term (or -1), flags. */
  private static final int ENTRY = 3;
  /** The query holds once its anchor (and guard) are present: no evaluation needed. */
  private static final int DIRECT = 1;
  /** Filed under several anchors: the article may reach it more than once. */
  private static final int MULTI = 2;

  private final TextLanguage language;
  private final TermRarity rarity;
  private final CharArrayMap<Integer> dictionary = new CharArrayMap<>(1024, false);
  private int vocabularySize;
  private int[][] postings = new int[1024][];
  private int[] postingSizes = new int[1024];

  private CompiledQuery[] slots = new CompiledQuery[1024];
  /** Ids by slot, apart from the queries: adding a match then touches no query object. */
  private String[] idBySlot = new String[1024];
  /** Compiled trees by slot: one pointer less to follow per candidate than through the query. */
  private CompiledQuery.Node[] rootBySlot = new CompiledQuery.Node[1024];
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

  /**
   * Files an analyzed query, replacing one with the same id. Each posting entry carries a guard: a
   * second required term checked before the query itself is looked at, so most candidates that do
   * not match are rejected from the posting list alone, without touching the query in memory.
   */
  void add(String id, QueryNode query) {
    remove(id);
    Anchors anchors = anchors(query);
    int[] anchorIds =
        anchors == null ? null : anchors.terms.stream().distinct().mapToInt(this::termId).toArray();
    CompiledQuery compiled = new CompiledQuery(id, compile(query), anchorIds);
    int slot = freeCount > 0 ? freeSlots[--freeCount] : nextSlot();
    slots[slot] = compiled;
    idBySlot[slot] = id;
    rootBySlot[slot] = compiled.root;
    slotById.put(id, slot);
    if (anchorIds == null) {
      alwaysCheck = append(alwaysCheck, alwaysCount++, slot);
      return;
    }
    List<String> required = new ArrayList<>();
    requiredTerms(query, required);
    String guard =
        required.stream()
            .filter(term -> !anchors.terms.contains(term))
            .min(Comparator.comparingDouble(this::frequency))
            .orElse(null);
    int guardId = guard == null ? -1 : termId(guard);
    int flags = (anchorIds.length > 1 ? MULTI : 0) | (isDirect(query, guard) ? DIRECT : 0);
    for (int term : anchorIds) {
      int[] posting = postings[term] == null ? EMPTY : postings[term];
      int size = postingSizes[term];
      if (size + ENTRY > posting.length) {
        posting = Arrays.copyOf(posting, Math.max(4 * ENTRY, posting.length * 2));
      }
      posting[size] = slot;
      posting[size + 1] = guardId;
      posting[size + 2] = flags;
      postings[term] = posting;
      postingSizes[term] = size + ENTRY;
    }
  }

  /**
   * Whether the anchor (plus the guard, if any) is the whole query: a term, an OR of terms, or an
   * AND of two terms.
   */
  private static boolean isDirect(QueryNode query, String guard) {
    if (guard == null) {
      return isDisjunctionOfTerms(query);
    }
    return query instanceof QueryNode.And and
        && and.clauses().size() == 2
        && and.clauses().stream().allMatch(c -> c instanceof QueryNode.Term);
  }

  private static boolean isDisjunctionOfTerms(QueryNode node) {
    return switch (node) {
      case QueryNode.Term term -> true;
      case QueryNode.Or or -> or.clauses().stream().allMatch(AnchorIndex::isDisjunctionOfTerms);
      default -> false;
    };
  }

  /** Terms every matching article contains: those of terms and phrases under ANDs only. */
  private static void requiredTerms(QueryNode node, List<String> out) {
    switch (node) {
      case QueryNode.Term term -> out.add(term.term());
      case QueryNode.Phrase phrase -> out.addAll(phrase.terms());
      case QueryNode.And and -> and.clauses().forEach(c -> requiredTerms(c, out));
      default -> {
        // OR and NOT clauses require no particular term.
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
        postingSizes[term] = removeEntry(postings[term], postingSizes[term], slot);
      }
    }
    slots[slot] = null;
    idBySlot[slot] = null;
    rootBySlot[slot] = null;
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
      for (int j = 0, n = postingSizes[term]; j < n; j += ENTRY) {
        int guard = posting[j + 1];
        if (guard >= 0 && !article.contains(guard)) {
          continue;
        }
        int slot = posting[j];
        int flags = posting[j + 2];
        if ((flags & MULTI) != 0 && !article.firstVisit(slot)) {
          continue;
        }
        if ((flags & DIRECT) != 0 || rootBySlot[slot].matches(article)) {
          out.add(idBySlot[slot]);
        }
      }
    }
    for (int i = 0; i < alwaysCount; i++) {
      check(alwaysCheck[i], article, out);
    }
  }

  private void check(int slot, ArticleTerms article, List<String> out) {
    if (article.firstVisit(slot)) {
      if (rootBySlot[slot].matches(article)) {
        out.add(idBySlot[slot]);
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
        yield allTerms(clauses)
            ? new CompiledQuery.AllTermsNode(termsOf(clauses), clauses[0].frequency)
            : new CompiledQuery.AndNode(clauses, clauses[0].frequency);
      }
      case QueryNode.Or or -> {
        CompiledQuery.Node[] clauses = compileAll(or.clauses());
        Arrays.sort(clauses, Comparator.comparingDouble((CompiledQuery.Node c) -> c.frequency).reversed());
        double sum = Math.min(1, Arrays.stream(clauses).mapToDouble(c -> c.frequency).sum());
        yield allTerms(clauses)
            ? new CompiledQuery.AnyTermNode(termsOf(clauses), sum)
            : new CompiledQuery.OrNode(clauses, sum);
      }
      case QueryNode.Not not -> new CompiledQuery.NotNode(compile(not.clause()));
      case QueryNode.Text text ->
          throw new IllegalArgumentException("query is not analyzed: " + text + "; use QueryAnalysis");
    };
  }

  private static boolean allTerms(CompiledQuery.Node[] clauses) {
    return Arrays.stream(clauses).allMatch(c -> c instanceof CompiledQuery.TermNode);
  }

  private static int[] termsOf(CompiledQuery.Node[] clauses) {
    return Arrays.stream(clauses).mapToInt(c -> ((CompiledQuery.TermNode) c).term()).toArray();
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
      idBySlot = Arrays.copyOf(idBySlot, slotsUsed * 2);
      rootBySlot = Arrays.copyOf(rootBySlot, slotsUsed * 2);
    }
    return slotsUsed++;
  }

  /** Removes the entry of a slot by moving the last entry into its place; returns the new size. */
  private static int removeEntry(int[] posting, int size, int slot) {
    for (int i = 0; i < size; i += ENTRY) {
      if (posting[i] == slot) {
        System.arraycopy(posting, size - ENTRY, posting, i, ENTRY);
        return size - ENTRY;
      }
    }
    return size;
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
