package io.newswatch.enrich.tagging;

import java.util.Arrays;

/**
 * A string to id hash table that looks words up by a range of a larger string, so that the
 * candidate stems of every article token can be tried without allocating a string for each.
 * Filled while a taxonomy loads, read-only afterwards.
 */
final class WordTable {

  private String[] keys = new String[256];
  private int[] ids = new int[256];
  private int size;

  int size() {
    return size;
  }

  /** Adds a word (if absent) under {@code id}; returns the id it has. */
  int putIfAbsent(String key, int id) {
    int existing = get(key, 0, key.length());
    if (existing >= 0) {
      return existing;
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    insert(key, id);
    size++;
    return id;
  }

  int get(String s) {
    return get(s, 0, s.length());
  }

  /** The id of {@code s[from, to)}, or -1. */
  int get(String s, int from, int to) {
    int mask = keys.length - 1;
    int h = mix(hash(s, from, to, (char) 0));
    for (int i = h & mask; ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        return -1;
      }
      if (k.length() == to - from && k.regionMatches(0, s, from, to - from)) {
        return ids[i];
      }
    }
  }

  /** The id of {@code s[from, to)} with its last character read as {@code last}, or -1. */
  int getWithLast(String s, int from, int to, char last) {
    int mask = keys.length - 1;
    int h = mix(hash(s, from, to, last));
    int len = to - from;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        return -1;
      }
      if (k.length() == len && k.charAt(len - 1) == last && k.regionMatches(0, s, from, len - 1)) {
        return ids[i];
      }
    }
  }

  /** String.hashCode of the range, optionally with the last character replaced. */
  private static int hash(String s, int from, int to, char last) {
    int h = 0;
    int end = last == 0 ? to : to - 1;
    for (int i = from; i < end; i++) {
      h = 31 * h + s.charAt(i);
    }
    if (last != 0) {
      h = 31 * h + last;
    }
    return h;
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }

  private void insert(String key, int id) {
    int mask = keys.length - 1;
    for (int i = mix(key.hashCode()) & mask; ; i = (i + 1) & mask) {
      if (keys[i] == null) {
        keys[i] = key;
        ids[i] = id;
        return;
      }
    }
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new String[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    Arrays.fill(ids, -1);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        insert(oldKeys[i], oldIds[i]);
      }
    }
  }
}
