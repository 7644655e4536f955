package io.newswatch.enrich.stream;

import io.newswatch.enrich.dedup.CompactSignature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The articles remembered for the dedup horizon, on the heap of the single matcher task: per
 * article its time, content hash, signature and story; per LSH band hash and per content hash the
 * articles that have it. Band hashes are fixed-size numbers in open-addressing tables, so an
 * article costs one append per band and no read-modify-write of a stored posting list; the durable
 * copy is one {@code DedupEntry} per article in a changelogged store, from which this is rebuilt.
 *
 * <p>Not thread-safe: one stream thread owns the matcher task.
 */
final class DedupIndex {
  /** Beyond this many articles under one key, the key is boilerplate, not a story: stop indexing it. */
  static final int MAX_POSTINGS_PER_KEY = 64;

  /** One remembered article. */
  record Remembered(int slot, String id, long time, long contentHash, CompactSignature signature, String storyId) {}

  /** The best earlier match of a probe. */
  record Match(Remembered original, double similarity, boolean exact) {}

  private final Map<String, Remembered> byId = new HashMap<>();
  private Remembered[] slots = new Remembered[1024];
  /** Per slot, the article's time and the probe that last reached it: read for every candidate, kept flat. */
  private long[] times = new long[1024];
  private int[] reachedBy = new int[1024];
  private int probes;
  private int used;
  private PostingTable bands = new PostingTable(1 << 12);
  private PostingTable contents = new PostingTable(1 << 10);

  int size() {
    return byId.size();
  }

  Remembered get(String id) {
    return byId.get(id);
  }

  /** Remembers an article (once: a second call with the same id changes nothing). */
  void remember(String id, long time, long contentHash, CompactSignature signature, long[] bandHashes, String storyId) {
    if (byId.containsKey(id)) {
      return;
    }
    if (used == slots.length) {
      slots = Arrays.copyOf(slots, used * 2);
      times = Arrays.copyOf(times, used * 2);
      reachedBy = Arrays.copyOf(reachedBy, used * 2);
    }
    int slot = used++;
    Remembered r = new Remembered(slot, id, time, contentHash, signature, storyId);
    slots[slot] = r;
    times[slot] = time;
    byId.put(id, r);
    contents.add(contentHash, slot);
    for (long b : bandHashes) {
      bands.add(b, slot);
    }
  }

  /**
   * The best match within {@code horizonMs} of {@code time}: an equal content hash (exact) beats any
   * near one; among near ones, the highest estimated Jaccard at or above {@code threshold}; ties go to
   * the earlier article. Articles earlier than the probe (by time, then id) come first: only when
   * none matches is a later one taken (it arrived first, out of event-time order, and was decided
   * already; pointing at it keeps the desk from a second alert). So in event-time order the outcome
   * is the same whatever the order of partitions.
   */
  Match bestMatch(String id, long time, long contentHash, CompactSignature signature, long[] bandHashes,
      long horizonMs, double threshold) {
    Match[] earlier = new Match[1];
    Match[] later = new Match[1];
    contents.forEach(contentHash, slot -> {
      Remembered r = slots[slot];
      if (r.contentHash() == contentHash && Math.abs(time - r.time()) <= horizonMs && !r.id().equals(id)) {
        offer(isEarlier(r, time, id) ? earlier : later, new Match(r, 1.0, true));
      }
    });
    int probe = ++probes;
    for (long b : bandHashes) {
      bands.forEach(b, slot -> {
        if (reachedBy[slot] == probe) {
          return;
        }
        reachedBy[slot] = probe;
        if (Math.abs(time - times[slot]) > horizonMs) {
          return;
        }
        Remembered r = slots[slot];
        if (r.id().equals(id)) {
          return;
        }
        Match[] side = isEarlier(r, time, id) ? earlier : later;
        if (side[0] != null && side[0].exact()) {
          return;
        }
        double s = similarity(signature, r.signature());
        if (s >= threshold) {
          offer(side, new Match(r, s, false));
        }
      });
    }
    return earlier[0] != null ? earlier[0] : later[0];
  }

  private static boolean isEarlier(Remembered r, long time, String id) {
    return r.time() < time || (r.time() == time && r.id().compareTo(id) < 0);
  }

  private static double similarity(CompactSignature a, CompactSignature b) {
    return a.jaccard(b); // 0 for another DedupConfig's shape: not comparable, so not a match
  }

  private static void offer(Match[] best, Match m) {
    Match b = best[0];
    if (b == null || (m.exact() && !b.exact())
        || (m.exact() == b.exact() && (m.similarity() > b.similarity()
            || (m.similarity() == b.similarity() && earlier(m.original(), b.original()))))) {
      best[0] = m;
    }
  }

  private static boolean earlier(Remembered a, Remembered b) {
    return a.time() < b.time() || (a.time() == b.time() && a.id().compareTo(b.id()) < 0);
  }

  /**
   * Forgets the articles older than {@code cutoff} and rebuilds the tables from the rest (cheap next
   * to the articles it took to fill them, and it runs every few minutes of event time).
   *
   * @return the ids forgotten, for the durable store
   * @param bandsOf the band hashes of a remembered article (they are not kept on the heap twice)
   */
  List<String> expire(long cutoff, java.util.function.Function<CompactSignature, long[]> bandsOf) {
    List<String> gone = new ArrayList<>();
    List<Remembered> kept = new ArrayList<>(byId.size());
    for (int i = 0; i < used; i++) {
      Remembered r = slots[i];
      if (r.time() < cutoff) {
        gone.add(r.id());
      } else {
        kept.add(r);
      }
    }
    if (gone.isEmpty()) {
      return gone;
    }
    byId.clear();
    slots = new Remembered[Math.max(1024, kept.size() * 2)];
    times = new long[slots.length];
    reachedBy = new int[slots.length];
    probes = 0;
    used = 0;
    bands = new PostingTable(Math.max(1 << 12, Integer.highestOneBit(kept.size() * 64 + 1) * 2));
    contents = new PostingTable(Math.max(1 << 10, Integer.highestOneBit(kept.size() * 2 + 1) * 2));
    for (Remembered r : kept) {
      remember(r.id(), r.time(), r.contentHash(), r.signature(), bandsOf.apply(r.signature()), r.storyId());
    }
    return gone;
  }

  /**
   * A multimap from a 64-bit hash to article slots: open addressing for the keys, a linked list of
   * postings per key in two int arrays. About 32 bytes per posting, no objects per entry.
   */
  static final class PostingTable {
    private long[] keys;
    private int[] heads; // 0 = empty cell, else posting index + 1
    private int[] counts;
    private int cells;
    private int[] postSlot = new int[1024];
    private int[] postNext = new int[1024];
    private int postings;

    PostingTable(int capacity) {
      int n = Integer.highestOneBit(Math.max(16, capacity - 1)) << 1;
      keys = new long[n];
      heads = new int[n];
      counts = new int[n];
    }

    void add(long key, int slot) {
      if ((cells + 1) * 2 > keys.length) {
        grow();
      }
      int cell = find(key);
      if (heads[cell] == 0) {
        keys[cell] = key;
        cells++;
      } else if (counts[cell] >= MAX_POSTINGS_PER_KEY) {
        return;
      }
      if (postings == postSlot.length) {
        postSlot = Arrays.copyOf(postSlot, postings * 2);
        postNext = Arrays.copyOf(postNext, postings * 2);
      }
      postSlot[postings] = slot;
      postNext[postings] = heads[cell];
      heads[cell] = ++postings;
      counts[cell]++;
    }

    void forEach(long key, java.util.function.IntConsumer action) {
      int cell = find(key);
      for (int p = heads[cell]; p != 0; p = postNext[p - 1]) {
        action.accept(postSlot[p - 1]);
      }
    }

    /** The cell of {@code key}: its own, or the empty one where it would go. */
    private int find(long key) {
      int mask = keys.length - 1;
      int cell = (int) (mix(key) & mask);
      while (heads[cell] != 0 && keys[cell] != key) {
        cell = (cell + 1) & mask;
      }
      return cell;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldHeads = heads;
      int[] oldCounts = counts;
      keys = new long[oldKeys.length * 2];
      heads = new int[keys.length];
      counts = new int[keys.length];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldHeads[i] != 0) {
          int cell = find(oldKeys[i]);
          keys[cell] = oldKeys[i];
          heads[cell] = oldHeads[i];
          counts[cell] = oldCounts[i];
        }
      }
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
      return z ^ (z >>> 33);
    }
  }
}
