package io.newswatch.enrich.analysis;

/**
 * The terms one thread's analyses have produced, so that a word seen before comes back as the same
 * {@link String} instead of a new one per occurrence.
 *
 * <p>Most words of an article were seen in earlier articles (and earlier in the same one). A shared
 * instance keeps its hash code once computed, so the lookups every consumer of the terms makes (the
 * tagger's lexicon, dedup's shingles) find their entry by identity and do not hash and compare the
 * characters again, and the analysis does not allocate a string per token. One table per thread
 * (analyses run on the stream threads and the tag-ahead workers) needs no locking. It keeps the
 * first {@value #MAX_TERMS} distinct terms a thread meets, the common words among them; later new
 * words, and terms longer than {@value #MAX_LENGTH} characters (URLs, run-on strings), are returned
 * as new strings and not kept, so the table's memory is bounded. (A later new word may still come
 * back as the same instance while it holds its slot in the small table of recent words.)
 */
final class TermInterner {

  static final int MAX_TERMS = 1 << 16;
  static final int MAX_LENGTH = 32;
  private static final ThreadLocal<TermInterner> PER_THREAD = ThreadLocal.withInitial(TermInterner::new);

  /**
   * The words met lately, direct-mapped by hash in front of the large table: 32 KB that stay in the
   * core's cache. The large table holds up to {@value #MAX_TERMS} terms (1 MB of slots, its strings
   * beside): in a long run its lookups missed the cache at each token (10 % of the tag-ahead worker's
   * CPU over 100,000 articles, 3 % of tagging in JMH's loop over 64 articles), while a few thousand
   * common words make up most of any text.
   */
  static final int FRONT = 1 << 12;
  private final String[] front = new String[FRONT];
  private final int[] frontHashes = new int[FRONT];
  private String[] terms = new String[1024];
  private int[] hashes = new int[1024];
  private int size;

  /** This thread's table: fetched once per text analyzed, not per token (a thread-local lookup each). */
  static TermInterner forThisThread() {
    return PER_THREAD.get();
  }

  /** The term in {@code buffer[0, length)}, as this thread's shared instance when there is one. */
  String get(char[] buffer, int length) {
    if (length > MAX_LENGTH) {
      return new String(buffer, 0, length);
    }
    int hash = 0;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + buffer[i]; // String.hashCode, so the kept instance's own hash agrees
    }
    int mixed = mix(hash);
    int f = mixed & (FRONT - 1);
    String recent = front[f];
    if (recent != null && frontHashes[f] == hash && sameChars(recent, buffer, length)) {
      return recent;
    }
    String term = lookup(buffer, length, hash, mixed);
    front[f] = term;
    frontHashes[f] = hash;
    return term;
  }

  /** The large table's instance, or a new string (kept while there is room). */
  private String lookup(char[] buffer, int length, int hash, int mixed) {
    int mask = terms.length - 1;
    for (int slot = mixed & mask; ; slot = (slot + 1) & mask) {
      String term = terms[slot];
      if (term == null) {
        String created = new String(buffer, 0, length);
        if (size < MAX_TERMS) {
          terms[slot] = created;
          hashes[slot] = hash;
          if (++size * 2 > terms.length) {
            grow();
          }
        }
        return created;
      }
      if (hashes[slot] == hash && sameChars(term, buffer, length)) {
        return term;
      }
    }
  }

  int size() {
    return size;
  }

  private static boolean sameChars(String term, char[] buffer, int length) {
    if (term.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (term.charAt(i) != buffer[i]) {
        return false;
      }
    }
    return true;
  }

  /** Doubles the table (kept at most half full) until it holds {@link #MAX_TERMS}. */
  private void grow() {
    String[] oldTerms = terms;
    int[] oldHashes = hashes;
    terms = new String[oldTerms.length * 2];
    hashes = new int[oldTerms.length * 2];
    int mask = terms.length - 1;
    for (int i = 0; i < oldTerms.length; i++) {
      if (oldTerms[i] != null) {
        int slot = mix(oldHashes[i]) & mask;
        while (terms[slot] != null) {
          slot = (slot + 1) & mask;
        }
        terms[slot] = oldTerms[i];
        hashes[slot] = oldHashes[i];
      }
    }
  }

  /** String hashes of short words differ in their low bits little; spread them over the table. */
  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
