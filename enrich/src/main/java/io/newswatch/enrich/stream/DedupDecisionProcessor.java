package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.internal.DedupReply;
import io.newswatch.schemas.internal.DedupVotes;
import io.newswatch.schemas.internal.PendingArticle;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by article id (a plain {@link Processor} only because a punctuator must be able to emit):
 * gathers the band replies of a pending article and, once all are in, decides
 * UNIQUE, EXACT or NEAR and emits the tagged article. An exact match beats a near one; among near
 * ones the most similar wins.
 */
public final class DedupDecisionProcessor implements Processor<String, DedupReply, String, TaggedArticle> {
  private static final Logger log = LoggerFactory.getLogger(DedupDecisionProcessor.class);
  /** A pending article whose replies never completed is decided on what it has after this long. */
  static final Duration STALE_AFTER = Duration.ofMinutes(5);

  private ProcessorContext<String, TaggedArticle> context;
  private KeyValueStore<String, PendingArticle> pending;
  private KeyValueStore<String, DedupVotes> votes;

  @Override
  public void init(ProcessorContext<String, TaggedArticle> context) {
    this.context = context;
    this.pending = context.getStateStore(StoreNames.PENDING);
    this.votes = context.getStateStore(StoreNames.VOTES);
    // Replies cannot go missing under exactly-once, but a safety net costs little: an article must
    // never stay undecided (and so unalerted) because of a bug or a manual topic edit.
    context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, this::decideStale);
  }

  @Override
  public void process(Record<String, DedupReply> record) {
    DedupReply reply = record.value();
    if (reply == null) {
      return;
    }
    DedupVotes v = votes.get(record.key());
    if (v == null) {
      if (reply.getCorrection()) {
        // Partitions ran out of event-time order and this article was already decided unique.
        log.info("late duplicate: {} was decided before its earlier original {} reached the band index",
            record.key(), reply.getOriginalId());
      }
      return;
    }
    if (reply.getCorrection()) {
      if (better(reply, v)) {
        v.setBestOriginalId(reply.getOriginalId());
        v.setBestSimilarity(reply.getSimilarity());
        v.setBestExact(reply.getExact());
        votes.put(record.key(), v);
      }
      return;
    }
    v.setReplies(v.getReplies() + 1);
    if (reply.getOriginalId() != null && better(reply, v)) {
      v.setBestOriginalId(reply.getOriginalId());
      v.setBestSimilarity(reply.getSimilarity());
      v.setBestExact(reply.getExact());
    }
    if (v.getReplies() < v.getExpectedReplies()) {
      votes.put(record.key(), v);
      return;
    }
    PendingArticle p = pending.get(record.key());
    votes.delete(record.key());
    pending.delete(record.key());
    if (p != null) {
      context.forward(record.withValue(decide(p.getTagged(), v)));
    }
  }

  private static boolean better(DedupReply r, DedupVotes p) {
    if (p.getBestOriginalId() == null) {
      return true;
    }
    if (r.getExact() != p.getBestExact()) {
      return r.getExact();
    }
    if (r.getSimilarity() != p.getBestSimilarity()) {
      return r.getSimilarity() > p.getBestSimilarity();
    }
    return r.getOriginalId().compareTo(p.getBestOriginalId()) < 0;
  }

  static TaggedArticle decide(TaggedArticle t, DedupVotes p) {
    if (p.getBestOriginalId() == null) {
      t.setDuplicate(DuplicateStatus.UNIQUE);
      t.setStoryId(t.getArticle().getId());
    } else {
      t.setDuplicate(p.getBestExact() ? DuplicateStatus.EXACT : DuplicateStatus.NEAR);
      t.setDuplicateOf(p.getBestOriginalId());
      t.setSimilarity(p.getBestSimilarity());
      t.setStoryId(p.getBestOriginalId());
    }
    return t;
  }

  private void decideStale(long now) {
    long cutoff = now - STALE_AFTER.toMillis();
    // Collect first: stores are not modified under an open iterator.
    java.util.List<org.apache.kafka.streams.KeyValue<String, PendingArticle>> stale = new java.util.ArrayList<>();
    try (KeyValueIterator<String, PendingArticle> it = pending.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        var processed = kv.value.getTagged().getProcessedAt();
        if (processed != null && processed.toEpochMilli() < cutoff) {
          stale.add(kv);
        }
      }
    }
    for (var kv : stale) {
      DedupVotes v = votes.get(kv.key);
      if (v == null) {
        v = DedupVotes.newBuilder().setExpectedReplies(kv.value.getExpectedReplies()).build();
      }
      log.warn("article {} got {} of {} dedup replies; deciding on what it has", kv.key, v.getReplies(),
          v.getExpectedReplies());
      pending.delete(kv.key);
      votes.delete(kv.key);
      context.forward(new Record<>(kv.key, decide(kv.value.getTagged(), v), now));
    }
  }
}
