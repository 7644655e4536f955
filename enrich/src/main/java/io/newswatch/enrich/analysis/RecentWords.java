package io.newswatch.enrich.analysis;

/**
 * What one thread worked out for the words it met lately (a word's stem, its lexicon ids), in a
 * small direct-mapped table by the word's hash, in front of the large map of every word met.
 *
 * <p>The large map's lookups mostly missed the core's cache (the lexicon's 13 % and the stems' 5 % of
 * the tag-ahead worker's time in a profile); a few thousand slots stay in it. Words are compared by
 * identity, since analysis hands out one instance per word and thread ({@link TermInterner}); another
 * instance with the same text only misses here. Not thread-safe: one per thread.
 */
public final class RecentWords<V> {

  private static final int SLOTS = 4096;
  private final String[] words = new String[SLOTS];
  private final Object[] values = new Object[SLOTS];

  /** What was put for this very word instance, if it is still here; otherwise null. */
  @SuppressWarnings("unchecked")
  public V get(String word) {
    int slot = word.hashCode() & (SLOTS - 1);
    return words[slot] == word ? (V) values[slot] : null;
  }

  /** Remembers a value for a word, in place of whatever shared its slot. */
  public void put(String word, V value) {
    int slot = word.hashCode() & (SLOTS - 1);
    words[slot] = word;
    values[slot] = value;
  }
}
