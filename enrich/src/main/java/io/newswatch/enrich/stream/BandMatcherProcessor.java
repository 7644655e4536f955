package io.newswatch.enrich.stream;

import io.newswatch.enrich.dedup.MinHashSignature;
import io.newswatch.schemas.internal.BandEntry;
import io.newswatch.schemas.internal.BandPostings;
import io.newswatch.schemas.internal.DedupProbe;
import io.newswatch.schemas.internal.DedupReply;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by band bucket: for each dedup key of a probe, compares the article with the earlier
 * articles remembered under that key within the dedup horizon, and remembers the article. Answers
 * once per probe with the best match above the threshold, keyed by the probe's article id. A match
 * on the exact content key is an exact duplicate and beats any near one.
 *
 * <p>Postings hold only ids and times; the signature of an article is stored once per bucket.
 */
public final class BandMatcherProcessor implements Processor<String, DedupProbe, String, DedupReply> {
  /** Beyond this many postings a key is boilerplate, not a story: stop indexing it. */
  static final int MAX_POSTINGS_PER_KEY = 64;
  /** Recently seen signatures kept on the heap per task (about 300 bytes each). */
  static final int SIGNATURE_CACHE_ENTRIES = 20_000;

  private final long horizonMs;
  private final double threshold;
  private ProcessorContext<String, DedupReply> context;
  private KeyValueStore<String, BandPostings> index;
  private KeyValueStore<String, BandEntry> signatures;
  private final Map<String, DedupReply> corrections = new HashMap<>();
  /**
   * A read-through cache of the signatures store. A signature never changes once written (it is a
   * function of the article's text), so the cache cannot go stale; candidates are mostly recent
   * articles, which it keeps, and each hit saves a RocksDB read and a decode.
   */
  private final Map<String, MinHashSignature> signatureCache = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, MinHashSignature> eldest) {
      return size() > SIGNATURE_CACHE_ENTRIES;
    }
  };

  public BandMatcherProcessor(Duration horizon, double threshold) {
    this.horizonMs = horizon.toMillis();
    this.threshold = threshold;
  }

  @Override
  public void init(ProcessorContext<String, DedupReply> context) {
    this.context = context;
    this.index = context.getStateStore(StoreNames.BAND_INDEX);
    this.signatures = context.getStateStore(StoreNames.SIGNATURES);
    signatureCache.clear();
    context.schedule(DedupIntakeProcessor.PURGE_EVERY, PunctuationType.STREAM_TIME, this::purge);
  }

  @Override
  public void process(Record<String, DedupProbe> record) {
    DedupProbe probe = record.value();
    if (probe == null) {
      return;
    }
    String id = probe.getArticleId();
    long t = probe.getOrderTime();
    int partition = probe.getSourcePartition();
    Best best = new Best();
    corrections.clear();
    if (probe.getContentKey() != null) {
      scan(probe.getContentKey(), id, t, partition, null, best, true);
    }
    MinHashSignature sig = MinHashSignature.fromBytes(bytes(probe.getSignature()));
    Map<String, Double> similarity = new HashMap<>();
    for (String key : probe.getBandKeys()) {
      scan(key, id, t, partition, other -> similarity.computeIfAbsent(other, o -> jaccard(sig, o)), best.exact ? null : best, false);
    }
    if (!probe.getBandKeys().isEmpty()) {
      signatures.put(id, BandEntry.newBuilder().setArticleId(id).setSignature(probe.getSignature()).setOrderTime(t).build());
      signatureCache.put(id, sig);
    }
    DedupReply reply = DedupReply.newBuilder()
        .setArticleId(id)
        .setOriginalId(best.id)
        .setSimilarity(best.id == null ? 0.0 : best.similarity)
        .setExact(best.id != null && best.exact)
        .setTargetPartition(partition)
        .build();
    context.forward(record.withKey(id).withValue(reply));
    for (DedupReply c : corrections.values()) {
      context.forward(record.withKey(c.getArticleId()).withValue(c));
    }
  }

  private static DedupReply stronger(DedupReply a, DedupReply b) {
    if (a.getExact() != b.getExact()) {
      return a.getExact() ? a : b;
    }
    return a.getSimilarity() >= b.getSimilarity() ? a : b;
  }

  private double jaccard(MinHashSignature sig, String otherId) {
    MinHashSignature cached = signatureCache.get(otherId);
    if (cached != null) {
      return sig.jaccard(cached);
    }
    BandEntry other = signatures.get(otherId);
    if (other == null) {
      return 0.0;
    }
    try {
      MinHashSignature stored = MinHashSignature.fromBytes(bytes(other.getSignature()));
      signatureCache.put(otherId, stored);
      return sig.jaccard(stored);
    } catch (IllegalArgumentException e) {
      // Remembered by an older release with another signature format: not comparable, so not a match.
      return 0.0;
    }
  }

  /** Offers the earlier articles under one key to {@code best} (when given), then remembers this one. */
  private void scan(String key, String id, long t, int partition, java.util.function.ToDoubleFunction<String> sim,
      Best best, boolean exact) {
    BandPostings postings = index.get(key);
    if (postings == null) {
      postings = BandPostings.newBuilder().setArticleIds(new ArrayList<>()).setOrderTimes(new ArrayList<>())
          .setPartitions(new ArrayList<>()).build();
    }
    List<String> ids = postings.getArticleIds();
    List<Long> times = postings.getOrderTimes();
    List<Integer> partitions = postings.getPartitions();
    boolean indexed = false;
    for (int i = 0; i < ids.size(); i++) {
      String other = ids.get(i);
      long ot = times.get(i);
      if (other.equals(id)) {
        indexed = true;
        continue;
      }
      if (best == null || Math.abs(t - ot) > horizonMs) {
        continue;
      }
      double s = exact ? 1.0 : sim.applyAsDouble(other);
      if (s < threshold) {
        continue;
      }
      if (isEarlier(ot, other, t, id)) {
        best.offer(other, ot, s, exact);
      } else {
        // A later article got here first (partitions run at their own pace): tell it, so that it
        // does not stay a unique story if it is still waiting for its decision.
        int target = i < partitions.size() ? partitions.get(i) : -1;
        corrections.merge(other, new DedupReply(other, id, s, exact, target, true), BandMatcherProcessor::stronger);
      }
    }
    if (!indexed && ids.size() < MAX_POSTINGS_PER_KEY) {
      ids.add(id);
      times.add(t);
      partitions.add(partition);
      index.put(key, postings);
    }
  }

  /** Drops postings and signatures older than the horizon (in event time). */
  private void purge(long streamTime) {
    long cutoff = streamTime - horizonMs;
    List<String> emptied = new ArrayList<>();
    Map<String, BandPostings> trimmed = new HashMap<>();
    try (KeyValueIterator<String, BandPostings> it = index.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        List<Long> times = kv.value.getOrderTimes();
        if (times.stream().noneMatch(x -> x < cutoff)) {
          continue;
        }
        BandPostings kept = BandPostings.newBuilder().setArticleIds(new ArrayList<>()).setOrderTimes(new ArrayList<>())
            .setPartitions(new ArrayList<>()).build();
        for (int i = 0; i < times.size(); i++) {
          if (times.get(i) >= cutoff) {
            kept.getArticleIds().add(kv.value.getArticleIds().get(i));
            kept.getOrderTimes().add(times.get(i));
            if (i < kv.value.getPartitions().size()) {
              kept.getPartitions().add(kv.value.getPartitions().get(i));
            }
          }
        }
        if (kept.getArticleIds().isEmpty()) {
          emptied.add(kv.key);
        } else {
          trimmed.put(kv.key, kept);
        }
      }
    }
    emptied.forEach(index::delete);
    trimmed.forEach(index::put);
    List<String> oldSignatures = new ArrayList<>();
    try (KeyValueIterator<String, BandEntry> it = signatures.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        if (kv.value.getOrderTime() < cutoff) {
          oldSignatures.add(kv.key);
        }
      }
    }
    for (String old : oldSignatures) {
      signatures.delete(old);
      signatureCache.remove(old);
    }
  }

  /** The total order on articles: event time, then id. */
  static boolean isEarlier(long t1, String id1, long t2, String id2) {
    return t1 < t2 || (t1 == t2 && id1.compareTo(id2) < 0);
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  /** The best original so far: exact beats near, then higher similarity, then the earlier article. */
  private static final class Best {
    String id;
    long time;
    double similarity = -1;
    boolean exact;

    void offer(String other, long t, double s, boolean isExact) {
      boolean better = id == null
          || (isExact && !exact)
          || (isExact == exact && (s > similarity || (s == similarity && isEarlier(t, other, time, id))));
      if (better) {
        id = other;
        time = t;
        similarity = s;
        exact = isExact;
      }
    }
  }
}
