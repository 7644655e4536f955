package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.ArabicAffixes;
import io.newswatch.enrich.analysis.RecentWords;
import io.newswatch.enrich.analysis.TextLanguage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every word and word prefix ({@code deploy*}) that a taxonomy's terms use in one language, each
 * with an id; and the ids an article token can stand for.
 *
 * <p>An English token stands for the entry equal to it and for every prefix entry it starts with.
 * An Arabic token stands for the entries equal to one of its stems without clitics ({@link
 * ArabicAffixes}), and the prefix entries those stems start with. Lexicon words are kept in their
 * canonical form (Arabic without the article), so rule authors write "القوات" or "قوات" alike.
 */
final class Lexicon {

  private static final int[] NONE = new int[0];
  /** A prefix shorter than this would match too many words. */
  static final int MIN_PREFIX = 3;

  private final TextLanguage language;
  private final WordTable words = new WordTable();
  private final WordTable prefixes = new WordTable();
  private final List<String> entries = new ArrayList<>();
  private int minPrefix = Integer.MAX_VALUE;
  private int maxPrefix = 0;

  Lexicon(TextLanguage language) {
    this.language = language;
  }

  TextLanguage language() {
    return language;
  }

  /** The number of entries; ids run from 0 to size - 1. */
  int size() {
    return entries.size();
  }

  /** The entry of an id as written in the lexicon ({@code deploy*} for a prefix). */
  String entry(int id) {
    return entries.get(id);
  }

  /** The id of an analyzed word (loading only). */
  int word(String analyzed) {
    String canonical = canonical(analyzed);
    int id = words.putIfAbsent(canonical, entries.size());
    if (id == entries.size()) {
      entries.add(canonical);
    }
    return id;
  }

  /** The id of an analyzed prefix (loading only). */
  int prefix(String analyzed) {
    String canonical = canonical(analyzed);
    int id = prefixes.putIfAbsent(canonical, entries.size());
    if (id == entries.size()) {
      entries.add(canonical + "*");
      minPrefix = Math.min(minPrefix, canonical.length());
      maxPrefix = Math.max(maxPrefix, canonical.length());
    }
    return id;
  }

  private String canonical(String analyzed) {
    return language == TextLanguage.AR ? ArabicAffixes.canonical(analyzed) : analyzed;
  }

  /**
   * Most article words repeat across articles (and within one), so their entries are remembered, up
   * to {@value #MAX_CACHED} words; after that, new words are worked out each time.
   */
  private static final int MAX_CACHED = 200_000;
  private final java.util.concurrent.ConcurrentHashMap<String, int[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

  private final ThreadLocal<RecentWords<int[]>> recent = ThreadLocal.withInitial(RecentWords::new);

  /** This thread's words met lately and their ids, for the {@link #idsOf(String, RecentWords)} of one article. */
  RecentWords<int[]> recent() {
    return recent.get();
  }

  /** {@link #idsOf(String)} through this thread's recent words. */
  int[] idsOf(String term, RecentWords<int[]> seen) {
    int[] ids = seen.get(term);
    if (ids == null) {
      ids = idsOf(term);
      seen.put(term, ids);
    }
    return ids;
  }

  /** The ids of every entry an analyzed article token stands for; empty (shared) when none. */
  int[] idsOf(String term) {
    int[] ids = cache.get(term);
    if (ids == null) {
      ids = compute(term);
      if (cache.size() < MAX_CACHED) {
        cache.putIfAbsent(term, ids);
      }
    }
    return ids;
  }

  private int[] compute(String term) {
    Collector c = new Collector();
    if (language == TextLanguage.AR) {
      ArabicAffixes.forEachStem(term, (w, from, to, taa) -> {
        c.add(taa ? words.getWithLast(w, from, to, 'ه') : words.get(w, from, to));
        if (!taa) {
          addPrefixes(w, from, to, c);
        }
      });
    } else {
      c.add(words.get(term));
      addPrefixes(term, 0, term.length(), c);
    }
    return c.toArray();
  }

  private void addPrefixes(String w, int from, int to, Collector c) {
    if (maxPrefix == 0) {
      return;
    }
    int last = Math.min(to, from + maxPrefix);
    for (int k = from + minPrefix; k <= last; k++) {
      c.add(prefixes.get(w, from, k));
    }
  }

  /** A tiny set of ids; tokens stand for one or two entries at most, almost always. */
  private static final class Collector {
    private int[] ids = NONE;
    private int size;

    void add(int id) {
      if (id < 0) {
        return;
      }
      for (int i = 0; i < size; i++) {
        if (ids[i] == id) {
          return;
        }
      }
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, Math.max(2, size * 2));
      }
      ids[size++] = id;
    }

    int[] toArray() {
      return size == 0 ? NONE : size == ids.length ? ids : Arrays.copyOf(ids, size);
    }
  }
}
