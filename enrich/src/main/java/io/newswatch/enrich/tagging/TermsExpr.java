package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Any of a list of words or phrases, per language. Spans inside an {@code exclude} phrase are
 * dropped (so "ceasefire" does not count as "fire"), and a span inside a longer matched span of the
 * same list is dropped, so one piece of text counts once.
 *
 * <p>A final class, not a record, for its derived state: each language's phrases as an array with
 * their first words' lexicon ids beside them, so that the phrases an article cannot hold (most of a
 * list, in most articles) are passed over by one read of a flat array each.
 */
final class TermsExpr implements Expr {

  /** Text order, the longer of two spans starting together first (written out: it runs per list per article). */
  private static final Comparator<Span> START_THEN_LONGEST = (a, b) -> a.from() != b.from()
      ? Integer.compare(a.from(), b.from()) : Integer.compare(b.to() - b.from(), a.to() - a.from());
  private static final Phrase[] NO_PHRASES = {};
  private static final int[] NO_IDS = {};

  private final Map<TextLanguage, List<Phrase>> phrases;
  private final Map<TextLanguage, List<Phrase>> excludes;
  /** By language ordinal: the phrases, and each one's first lexicon id. */
  private final Phrase[][] phraseArrays;
  private final int[][] firstIds;

  TermsExpr(Map<TextLanguage, List<Phrase>> phrases, Map<TextLanguage, List<Phrase>> excludes) {
    // Read per article and per list, by language: an EnumMap is an array lookup (Map.copyOf hashes).
    this.phrases = byLanguage(phrases);
    this.excludes = byLanguage(excludes);
    TextLanguage[] languages = TextLanguage.values();
    this.phraseArrays = new Phrase[languages.length][];
    this.firstIds = new int[languages.length][];
    for (TextLanguage language : languages) {
      List<Phrase> own = this.phrases.getOrDefault(language, List.of());
      Phrase[] array = own.isEmpty() ? NO_PHRASES : own.toArray(new Phrase[0]);
      int[] first = array.length == 0 ? NO_IDS : new int[array.length];
      for (int i = 0; i < array.length; i++) {
        first[i] = array[i].ids()[0];
      }
      phraseArrays[language.ordinal()] = array;
      firstIds[language.ordinal()] = first;
    }
  }

  Map<TextLanguage, List<Phrase>> phrases() {
    return phrases;
  }

  static <V> Map<TextLanguage, V> byLanguage(Map<TextLanguage, V> map) {
    java.util.EnumMap<TextLanguage, V> copy = new java.util.EnumMap<>(TextLanguage.class);
    map.forEach((language, value) -> copy.put(
        java.util.Objects.requireNonNull(language, "language"), java.util.Objects.requireNonNull(value, "value")));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** The same terms with more exclusions. */
  TermsExpr excluding(Map<TextLanguage, List<Phrase>> more) {
    Map<TextLanguage, List<Phrase>> all = new java.util.EnumMap<>(TextLanguage.class);
    for (TextLanguage language : TextLanguage.values()) {
      List<Phrase> list = new ArrayList<>(excludes.getOrDefault(language, List.of()));
      list.addAll(more.getOrDefault(language, List.of()));
      all.put(language, list);
    }
    return new TermsExpr(phrases, all);
  }

  @Override
  public List<Match> evaluate(AnalyzedText text) {
    return text.cached(this, this::find);
  }

  private List<Match> find(AnalyzedText text) {
    int language = text.language().ordinal();
    Phrase[] own = phraseArrays[language];
    int[] first = firstIds[language];
    List<Span> found = new ArrayList<>();
    for (int i = 0; i < first.length; i++) {
      if (text.firstPosting(first[i]) >= 0) {
        own[i].find(text, found);
      }
    }
    if (found.isEmpty()) {
      return List.of();
    }
    List<Span> excluded = new ArrayList<>();
    for (Phrase phrase : excludes.getOrDefault(text.language(), List.of())) {
      phrase.find(text, excluded);
    }
    // One phrase's spans come in text order already (postings run in text order); only the spans of
    // several phrases need sorting. A check is one pass with no allocation (a sort of 32 spans or more
    // allocates TimSort's state and buffer even when the list is in order).
    if (!inOrder(found)) {
      found = sorted(found);
    }
    List<Match> out = new ArrayList<>();
    Span last = null;
    for (Span span : found) {
      if (last != null && last.contains(span)) {
        continue;
      }
      boolean covered = false;
      for (Span e : excluded) {
        if (e.contains(span)) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        out.add(Match.of(span));
        last = span;
      }
    }
    return out;
  }

  /**
   * {@link #START_THEN_LONGEST}, stable: each span as one long (start, then the longer first, then
   * its place in the list) sorted as primitives, where the comparator's sort was 4 % of tagging.
   */
  private static List<Span> sorted(List<Span> spans) {
    int n = spans.size();
    if (n > 0xFFFF) {
      List<Span> copy = new ArrayList<>(spans);
      copy.sort(START_THEN_LONGEST);
      return copy;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      Span span = spans.get(i);
      long shorter = 0xFFFF - Math.min(0xFFFF, span.to() - span.from()); // spans over 65,535 words tie
      keys[i] = (long) span.from() << 32 | shorter << 16 | i;
    }
    java.util.Arrays.sort(keys);
    List<Span> out = new ArrayList<>(n);
    for (long key : keys) {
      out.add(spans.get((int) (key & 0xFFFF)));
    }
    return out;
  }

  private static boolean inOrder(List<Span> spans) {
    for (int i = 1; i < spans.size(); i++) {
      if (START_THEN_LONGEST.compare(spans.get(i - 1), spans.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean positive() {
    return true;
  }

  @Override
  public boolean reachable(TextLanguage language) {
    return !phrases.getOrDefault(language, List.of()).isEmpty();
  }

  @Override
  public int cost() {
    return 1;
  }

  @Override
  public String toString() {
    return "TermsExpr[phrases=" + phrases + ", excludes=" + excludes + "]";
  }
}
