package io.newswatch.enrich.matching;

import java.util.Arrays;

/**
 * One article's analyzed words, as term ids of one {@link AnchorIndex}: which terms occur, where,
 * and which queries were already checked. Reused per thread: stamps replace clearing, so preparing
 * an article costs its length, not the size of the query vocabulary.
 */
final class ArticleTerms {

  /** Term id at each position; {@link #UNKNOWN} for words no query uses. */
  static final int UNKNOWN = -1;

  private int stamp;
  private int[] termStamp = new int[0];
  private int[] firstPosition = new int[0];
  private int[] lastPosition = new int[0];
  private int[] occurrences = new int[0];
  private int[] slotStamp = new int[0];

  int[] tokens = new int[1024];
  int length;
  private int[] nextPosition = new int[1024];
  int[] distinct = new int[256];
  int distinctCount;

  /** Starts a new article for an index of the given vocabulary and query capacity. */
  void reset(int vocabularySize, int slotCapacity) {
    boolean grown = false;
    if (termStamp.length < vocabularySize) {
      int size = Math.max(vocabularySize, termStamp.length * 2);
      termStamp = new int[size];
      firstPosition = new int[size];
      lastPosition = new int[size];
      occurrences = new int[size];
      grown = true;
    }
    if (slotStamp.length < slotCapacity) {
      slotStamp = new int[Math.max(slotCapacity, slotStamp.length * 2)];
      grown = true;
    }
    if (grown || stamp == Integer.MAX_VALUE) {
      // Stamps restart at 1, so no array may keep a stamp from before.
      Arrays.fill(termStamp, 0);
      Arrays.fill(slotStamp, 0);
      stamp = 0;
    }
    stamp++;
    length = 0;
    distinctCount = 0;
  }

  /** Appends the next position's term (or {@link #UNKNOWN}). */
  void add(int term) {
    if (length == tokens.length) {
      tokens = Arrays.copyOf(tokens, length * 2);
      nextPosition = Arrays.copyOf(nextPosition, length * 2);
    }
    int position = length++;
    tokens[position] = term;
    if (term < 0) {
      return;
    }
    nextPosition[position] = -1;
    if (termStamp[term] != stamp) {
      termStamp[term] = stamp;
      firstPosition[term] = position;
      occurrences[term] = 1;
      if (distinctCount == distinct.length) {
        distinct = Arrays.copyOf(distinct, distinctCount * 2);
      }
      distinct[distinctCount++] = term;
    } else {
      nextPosition[lastPosition[term]] = position;
      occurrences[term]++;
    }
    lastPosition[term] = position;
  }

  boolean contains(int term) {
    return termStamp[term] == stamp;
  }

  /** Whether the terms occur at consecutive positions somewhere. */
  boolean containsPhrase(int[] terms) {
    // Walk the positions of the phrase's least frequent term in this article, not of its first.
    int pivot = -1;
    int fewest = Integer.MAX_VALUE;
    for (int i = 0; i < terms.length; i++) {
      if (!contains(terms[i])) {
        return false;
      }
      if (occurrences[terms[i]] < fewest) {
        fewest = occurrences[terms[i]];
        pivot = i;
      }
    }
    int last = length - terms.length;
    for (int p = firstPosition[terms[pivot]]; p >= 0; p = nextPosition[p]) {
      int start = p - pivot;
      if (start < 0) {
        continue;
      }
      if (start > last) {
        return false;
      }
      int k = 0;
      while (k < terms.length && tokens[start + k] == terms[k]) {
        k++;
      }
      if (k == terms.length) {
        return true;
      }
    }
    return false;
  }

  /** Marks a query slot as checked for this article; false when it already was. */
  boolean firstVisit(int slot) {
    if (slotStamp[slot] == stamp) {
      return false;
    }
    slotStamp[slot] = stamp;
    return true;
  }
}
