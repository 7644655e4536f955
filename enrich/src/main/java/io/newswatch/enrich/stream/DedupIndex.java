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

  /**
   * One remembered article. {@code signature} is null when the signature is kept in the index's flat
   * table (see {@link #signature(Remembered)}).
   */
  record Remembered(int slot, String id, long time, long contentHash, CompactSignature signature, String storyId) {}

  /** The best earlier match of a probe. */
  record Match(Remembered original, double similarity, boolean exact) {}

  private final Map<String, Remembered> byId = new HashMap<>();
  private Remembered[] slots = new Remembered[1024];
  /**
   * Per slot, the article's time and then its signature's packed words ({@link
   * CompactSignature#copyWords}), {@code stride} longs a slot: read for every candidate, so kept in
   * one region of one array rather than behind the slot's record, its signature object and that
   * object's two arrays (four places in memory per candidate). The table's shape is the first
   * packable signature's; a signature of another shape (a changelog written under other dedup
   * settings, or format 3) stays an object in its record and is marked in {@code apart}.
   */
  private long[] flat = new long[1024];
  private int shape = -1;
  private int stride = 1;
  private long[] apart = new long[1024 / 64];
  /** Per slot, the probe that last reached it. */
  private int[] reachedBy = new int[1024];
  private int probes;
  private int used;
  private PostingTable bands = new PostingTable(1 << 12);
  private PostingTable contents = new PostingTable(1 << 8);

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
    if (shape == -1 && signature.packedShape() != -1) {
      flatShape(signature);
    }
    if (used == slots.length) {
      slots = Arrays.copyOf(slots, used * 2);
      flat = Arrays.copyOf(flat, used * 2 * stride);
      apart = Arrays.copyOf(apart, used * 2 / 64 + 1);
      reachedBy = Arrays.copyOf(reachedBy, used * 2);
    }
    int slot = used++;
    boolean packed = shape != -1 && signature.packedShape() == shape;
    Remembered r = new Remembered(slot, id, time, contentHash, packed ? null : signature, storyId);
    slots[slot] = r;
    flat[slot * stride] = time;
    if (packed) {
      signature.copyWords(flat, slot * stride + 1);
    } else {
      apart[slot >>> 6] |= 1L << slot;
    }
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
    boolean packed = shape != -1 && signature.packedShape() == shape;
    Match[] earlier = new Match[1];
    Match[] later = new Match[1];
    contents.forEach(contentHash, slot -> {
      Remembered r = slots[slot];
      if (r.contentHash() == contentHash && Math.abs(time - r.time()) <= horizonMs && !r.id().equals(id)) {
        offer(isEarlier(r, time, id) ? earlier : later, new Match(r, 1.0, true));
      }
    });
    if (++probes == 0) { // after 2^32 probes without a purge: 0 would read as "reached" in fresh slots
      Arrays.fill(reachedBy, 0);
      probes = 1;
    }
    int probe = probes;
    Remembered self = byId.get(id); // a replayed article is remembered already: never its own match
    int selfSlot = self == null ? -1 : self.slot();
    for (long b : bandHashes) {
      bands.forEach(b, slot -> {
        if (reachedBy[slot] == probe || slot == selfSlot) {
          return;
        }
        reachedBy[slot] = probe;
        int base = slot * stride;
        long t = flat[base];
        if (Math.abs(time - t) > horizonMs) {
          return;
        }
        // Read from the flat arrays first: most candidates are decided without their record.
        Match[] side = t < time || (t == time && slots[slot].id().compareTo(id) < 0) ? earlier : later;
        if (side[0] != null && side[0].exact()) {
          return;
        }
        double s = packed && (apart[slot >>> 6] & 1L << slot) == 0
            ? signature.jaccard(flat, base + 1)
            : similarity(signature, signature(slots[slot]));
        if (s >= threshold) {
          offer(side, new Match(slots[slot], s, false));
        }
      });
    }
    return earlier[0] != null ? earlier[0] : later[0];
  }

  private static boolean isEarlier(Remembered r, long time, String id) {
    return r.time() < time || (r.time() == time && r.id().compareTo(id) < 0);
  }

  /** The signature of a remembered article, from the flat table when it is kept there. */
  CompactSignature signature(Remembered r) {
    return r.signature() != null ? r.signature() : CompactSignature.fromWords(flat, r.slot() * stride + 1, shape);
  }

  /** Sets the flat table's shape to {@code first}'s; the slots so far (none packable) keep their times. */
  private void flatShape(CompactSignature first) {
    int newStride = 1 + first.packedLength();
    long[] relaid = new long[slots.length * newStride];
    for (int i = 0; i < used; i++) {
      relaid[i * newStride] = flat[i * stride];
    }
    flat = relaid;
    stride = newStride;
    shape = first.packedShape();
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
    long[] oldFlat = flat;
    int oldStride = stride;
    int oldShape = shape;
    slots = new Remembered[Math.max(1024, kept.size() * 2)];
    shape = -1;
    stride = 1;
    flat = new long[slots.length];
    apart = new long[slots.length / 64 + 1];
    reachedBy = new int[slots.length];
    probes = 0;
    used = 0;
    bands = new PostingTable(Math.max(1 << 12, kept.size() * 32));
    contents = new PostingTable(Math.max(1 << 8, kept.size()));
    for (Remembered r : kept) {
      CompactSignature signature = r.signature() != null ? r.signature()
          : CompactSignature.fromWords(oldFlat, r.slot() * oldStride + 1, oldShape);
      remember(r.id(), r.time(), r.contentHash(), signature, bandsOf.apply(signature), r.storyId());
    }
    return gone;
  }

  /**
   * A multimap from a hash to article slots: one open-addressing table of longs, each cell a posting
   * (the hash folded to 32 bits, and the slot), the postings of a key in its probe run. 8 bytes a
   * posting at a load of at most three quarters, no cell per key and no objects: at 32 bands an
   * article costs 340 to 680 bytes here, where a cell per key (64-bit key, head, count, at half
   * load) and a linked posting cost 1,700.
   *
   * <p>Folding to 32 bits can only add candidates (two bands of different hashes sharing a key),
   * never lose one; every candidate is checked on its signature, so it changes no decision.
   */
  static final class PostingTable {
    private long[] cells; // (key << 32) | (slot + 1); 0 = empty
    private int size;

    PostingTable(int expectedPostings) {
      cells = new long[Integer.highestOneBit(Math.max(16, expectedPostings * 4 / 3 + 1)) << 1];
    }

    void add(long hash, int slot) {
      if ((size + 1) * 4L > cells.length * 3L) {
        grow();
      }
      int key = fold(hash);
      int mask = cells.length - 1;
      int i = home(key, mask);
      int same = 0;
      while (cells[i] != 0) {
        if ((int) (cells[i] >>> 32) == key && ++same >= MAX_POSTINGS_PER_KEY) {
          return;
        }
        i = (i + 1) & mask;
      }
      cells[i] = cell(key, slot);
      size++;
    }

    void forEach(long hash, java.util.function.IntConsumer action) {
      int key = fold(hash);
      int mask = cells.length - 1;
      for (int i = home(key, mask); cells[i] != 0; i = (i + 1) & mask) {
        if ((int) (cells[i] >>> 32) == key) {
          action.accept((int) cells[i] - 1);
        }
      }
    }

    /** Bytes of the table, for the footprint figures. */
    long bytes() {
      return 8L * cells.length;
    }

    private void grow() {
      long[] old = cells;
      cells = new long[old.length * 2];
      int mask = cells.length - 1;
      for (long c : old) {
        if (c != 0) {
          int i = home((int) (c >>> 32), mask);
          while (cells[i] != 0) {
            i = (i + 1) & mask;
          }
          cells[i] = c;
        }
      }
    }

    private static long cell(int key, int slot) {
      return ((long) key << 32) | ((slot + 1L) & 0xFFFFFFFFL);
    }

    private static int fold(long hash) {
      return (int) (hash ^ (hash >>> 32));
    }

    private static int home(int key, int mask) {
      int h = key * 0x9E3779B9; // Fibonacci hashing: band hashes are already mixed, keys of content hashes too
      return (h ^ (h >>> 16)) & mask;
    }
  }
}
