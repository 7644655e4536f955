package io.newswatch.enrich.stream;

import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.dedup.CompactSignature;
import io.newswatch.enrich.stories.StoryArticle;
import io.newswatch.enrich.stories.StoryMatcher;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.internal.ArticleDecision;
import io.newswatch.schemas.internal.ArticleProbe;
import io.newswatch.schemas.internal.DedupEntry;
import io.newswatch.schemas.internal.StoryEvent;
import io.newswatch.schemas.internal.StoryState;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one task that sees every article's probe (the probe topic has one partition): decides exact
 * and near duplicates against the heap {@link DedupIndex} and assigns the article to a story in the
 * heap {@link StoryBook}, then sends the decision back to the article's raw partition. One task,
 * because a near duplicate can arrive on any partition and a story spans outlets; it only handles
 * hashes and ids (a few microseconds per article), the text stays where it was tagged.
 *
 * <p>The heap is rebuilt from the two changelogged stores in {@link #init}, which Kafka Streams
 * restores to the last committed transaction, so a crash neither loses nor doubles a decision.
 */
public final class DedupMatcherProcessor implements Processor<String, ArticleProbe, String, ArticleDecision> {
  /** How often (in event time) expired articles and stories are dropped. */
  static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  private final Fingerprinter fingerprinter;
  private final long horizonMs;
  private final StoryMatcher stories;
  private ProcessorContext<String, ArticleDecision> context;
  private KeyValueStore<String, DedupEntry> indexStore;
  private KeyValueStore<String, StoryState> storyStore;
  private DedupIndex index;
  private StoryBook book;

  public DedupMatcherProcessor(Fingerprinter fingerprinter, Duration horizon, StoryMatcher stories) {
    this.fingerprinter = fingerprinter;
    this.horizonMs = horizon.toMillis();
    this.stories = stories;
  }

  @Override
  public void init(ProcessorContext<String, ArticleDecision> context) {
    this.context = context;
    this.indexStore = context.getStateStore(StoreNames.DEDUP_INDEX);
    this.storyStore = context.getStateStore(StoreNames.STORIES);
    this.index = new DedupIndex();
    this.book = new StoryBook(stories);
    try (KeyValueIterator<String, DedupEntry> it = indexStore.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        CompactSignature sig = signature(kv.value.getSignature());
        index.remember(kv.key, kv.value.getOrderTime(), kv.value.getContentHash(), sig, bands(sig),
            kv.value.getStoryId() == null ? kv.key : kv.value.getStoryId());
      }
    }
    try (KeyValueIterator<String, StoryState> it = storyStore.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        book.put(StoryBook.Story.of(kv.key, kv.value));
      }
    }
    context.schedule(PURGE_EVERY, PunctuationType.STREAM_TIME, this::purge);
  }

  @Override
  public void process(Record<String, ArticleProbe> record) {
    ArticleProbe probe = record.value();
    if (probe == null) {
      return;
    }
    String id = probe.getArticleId();
    long t = probe.getOrderTime();
    ArticleDecision.Builder decision = ArticleDecision.newBuilder()
        .setArticleId(id)
        .setSourcePartition(probe.getSourcePartition())
        .setSourceOffset(probe.getSourceOffset())
        .setStoryEvent(StoryEvent.NONE);

    DedupIndex.Remembered again = index.get(id);
    if (again != null && Math.abs(t - again.time()) <= horizonMs) {
      // The same id again (a re-sent article): the desk has it, nothing more to say.
      context.forward(record.withKey(id).withValue(decision.setDuplicate(DuplicateStatus.EXACT).setOriginalId(id)
          .setSimilarity(1.0).setStoryId(again.storyId()).build()));
      return;
    }

    CompactSignature sig = signature(probe.getSignature());
    long[] bands = bands(sig);
    DedupIndex.Match match = index.bestMatch(id, t, probe.getContentHash(), sig, bands, horizonMs,
        fingerprinter.config().threshold());
    if (match == null) {
      decision.setDuplicate(DuplicateStatus.UNIQUE).setSimilarity(0.0);
    } else {
      decision.setDuplicate(match.exact() ? DuplicateStatus.EXACT : DuplicateStatus.NEAR)
          .setOriginalId(match.original().id()).setSimilarity(match.similarity());
    }

    String storyId = match == null ? id : match.original().storyId();
    if (probe.getPrimaryTopic() != null) {
      storyId = assignStory(probe, t, match, decision);
    } else {
      decision.setStoryId(storyId);
    }
    index.remember(id, t, probe.getContentHash(), sig, bands, storyId);
    indexStore.put(id, DedupEntry.newBuilder().setOrderTime(t).setContentHash(probe.getContentHash())
        .setSignature(probe.getSignature()).setStoryId(storyId.equals(id) ? null : storyId).build());
    context.forward(record.withKey(id).withValue(decision.build()));
  }

  /**
   * A copy joins its original's story; any other article joins the open story that scores highest,
   * or starts one. A story change is an UPDATE, or an ESCALATION when the article raises its severity.
   */
  private String assignStory(ArticleProbe probe, long t, DedupIndex.Match match, ArticleDecision.Builder decision) {
    String id = probe.getArticleId();
    StoryArticle article = new StoryArticle(id, Instant.ofEpochMilli(t), probe.getSource(), probe.getLang(),
        probe.getPrimaryTopic(), new HashSet<>(probe.getTopics()), new HashSet<>(probe.getEntities()),
        match == null ? null : match.original().id());
    StoryBook.Story joined = match == null ? null : book.get(match.original().storyId());
    if (joined == null) {
      joined = book.bestFor(article);
    }
    StoryBook.Story story;
    Set<String> before = Set.of();
    if (joined == null) {
      story = StoryBook.Story.start(article, probe.getSeverity());
      decision.setStoryEvent(StoryEvent.NEW);
    } else {
      before = joined.profile().topics();
      story = joined.plus(article, probe.getSeverity());
      decision.setStoryEvent(story.severity().ordinal() > joined.severity().ordinal()
          ? StoryEvent.ESCALATION : StoryEvent.UPDATE);
    }
    book.put(story);
    storyStore.put(story.id(), story.toState());
    decision.setStoryId(story.id())
        .setStoryVersion(story.version())
        .setStoryArticles(story.profile().articles())
        .setStoryOutlets(sorted(story.profile().sources()))
        .setStoryLanguages(sorted(story.profile().langs()))
        .setStoryTopics(sorted(before))
        .setStoryPrimaryTopic(story.profile().primaryTopic())
        .setFirstSeen(story.profile().first().toEpochMilli())
        .setLastSeen(story.profile().last().toEpochMilli());
    return story.id();
  }

  private void purge(long streamTime) {
    for (String gone : index.expire(streamTime - horizonMs, this::bands)) {
      indexStore.delete(gone);
    }
    for (String gone : book.expire(streamTime - stories.config().window().toMillis())) {
      storyStore.delete(gone);
    }
  }

  private long[] bands(CompactSignature sig) {
    try {
      return fingerprinter.bandHashes(sig);
    } catch (IllegalArgumentException e) {
      return new long[0]; // another DedupConfig's signature: compared with nothing
    }
  }

  private static CompactSignature signature(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] bytes = new byte[d.remaining()];
    d.get(bytes);
    return CompactSignature.fromBytes(bytes);
  }

  private static List<String> sorted(Set<String> set) {
    List<String> out = new ArrayList<>(set);
    out.sort(null);
    return out;
  }
}
