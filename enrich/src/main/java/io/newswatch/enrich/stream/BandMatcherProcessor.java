package io.newswatch.enrich.stream;

import io.newswatch.enrich.dedup.MinHashSignature;
import io.newswatch.schemas.internal.BandEntry;
import io.newswatch.schemas.internal.DedupProbe;
import io.newswatch.schemas.internal.DedupReply;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keyed by band key: compares a probe with the earlier articles remembered under the same band
 * (within the dedup horizon), answers with the best match above the threshold, and remembers the
 * probe. The answer is keyed by the probe's article id.
 */
public final class BandMatcherProcessor implements Processor<String, DedupProbe, String, DedupReply> {
  /** Beyond this many entries a band key is boilerplate, not a story: stop indexing it. */
  static final int MAX_ENTRIES_PER_BAND = 64;

  private final long horizonMs;
  private final double threshold;
  private ProcessorContext<String, DedupReply> context;
  private WindowStore<String, BandEntry> index;

  public BandMatcherProcessor(Duration horizon, double threshold) {
    this.horizonMs = horizon.toMillis();
    this.threshold = threshold;
  }

  @Override
  public void init(ProcessorContext<String, DedupReply> context) {
    this.context = context;
    this.index = context.getStateStore(StoreNames.BAND_INDEX);
  }

  @Override
  public void process(Record<String, DedupProbe> record) {
    DedupProbe probe = record.value();
    if (probe == null) {
      return;
    }
    long t = probe.getOrderTime();
    MinHashSignature sig = probe.getExactKey() ? null : MinHashSignature.fromBytes(bytes(probe.getSignature()));
    BandEntry best = null;
    double bestSim = -1;
    boolean indexed = false;
    int entries = 0;
    try (KeyValueIterator<Windowed<String>, BandEntry> it = index.fetch(record.key(), record.key(),
        Instant.ofEpochMilli(t - horizonMs), Instant.ofEpochMilli(t + horizonMs))) {
      while (it.hasNext()) {
        BandEntry e = it.next().value;
        entries++;
        if (e.getArticleId().equals(probe.getArticleId())) {
          indexed = true;
          continue;
        }
        if (!isEarlier(e, probe)) {
          continue;
        }
        double sim = probe.getExactKey() ? 1.0 : sig.jaccard(MinHashSignature.fromBytes(bytes(e.getSignature())));
        if (sim >= threshold && (sim > bestSim || (sim == bestSim && isEarlierEntry(e, best)))) {
          best = e;
          bestSim = sim;
        }
      }
    }
    if (!indexed && entries < MAX_ENTRIES_PER_BAND) {
      index.put(record.key(), BandEntry.newBuilder().setArticleId(probe.getArticleId())
          .setSignature(probe.getSignature()).setOrderTime(t).build(), t);
    }
    DedupReply reply = DedupReply.newBuilder()
        .setArticleId(probe.getArticleId())
        .setOriginalId(best == null ? null : best.getArticleId())
        .setSimilarity(best == null ? 0.0 : bestSim)
        .setExact(best != null && probe.getExactKey())
        .build();
    context.forward(record.withKey(probe.getArticleId()).withValue(reply));
  }

  /** The total order on articles: event time, then id. */
  static boolean isEarlier(BandEntry e, DedupProbe p) {
    return e.getOrderTime() < p.getOrderTime()
        || (e.getOrderTime() == p.getOrderTime() && e.getArticleId().compareTo(p.getArticleId()) < 0);
  }

  private static boolean isEarlierEntry(BandEntry a, BandEntry b) {
    return b == null || a.getOrderTime() < b.getOrderTime()
        || (a.getOrderTime() == b.getOrderTime() && a.getArticleId().compareTo(b.getArticleId()) < 0);
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
