package io.newswatch.enrich;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.newswatch.enrich.stream.DecidedArticle;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.TopicTag;
import io.newswatch.schemas.internal.StoryEvent;
import java.time.Duration;
import java.util.Locale;

/**
 * What enrich itself tells a Prometheus user (names start with {@code newswatch.enrich}, exported
 * as {@code newswatch_enrich_*}): articles tagged by topic and role, duplicates, stories, dead
 * letters by reason, and the time from ingest to the decision that raises an alert. Kafka Streams'
 * own client metrics come on top (see EnrichService).
 */
public final class EnrichMetrics {
  public static final String ARTICLES = "newswatch.enrich.articles";
  public static final String TAGS = "newswatch.enrich.tags";
  public static final String DUPLICATES = "newswatch.enrich.duplicates";
  public static final String STORIES = "newswatch.enrich.stories";
  public static final String DEAD_LETTERS = "newswatch.enrich.dead.letters";
  public static final String INGEST_TO_ALERT = "newswatch.enrich.ingest.to.alert";
  /** Streams config key under which the dead-letter handlers find these metrics. */
  public static final String STREAMS_CONFIG = "newswatch.enrich.metrics.instance";

  private final MeterRegistry registry;
  private final Timer ingestToAlert;

  public EnrichMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.ingestToAlert = Timer.builder(INGEST_TO_ALERT)
        .description("From the article's fetch by ingest to enrich's decision on an article that raises an alert")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(5))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(registry);
  }

  /** Metrics nobody reads: for tests and tools without a registry. */
  public static EnrichMetrics none() {
    return new EnrichMetrics(new CompositeMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Counts one decided article; {@code nowMs} is the wall clock at the decision. */
  public void decided(DecidedArticle d, long nowMs) {
    DuplicateStatus dup = d.tagged().getDuplicate();
    registry.counter(ARTICLES, "duplicate", lower(dup.name())).increment();
    if (dup == DuplicateStatus.EXACT || dup == DuplicateStatus.NEAR) {
      registry.counter(DUPLICATES, "kind", lower(dup.name())).increment();
    }
    // Tags of copies are the original's again; counting them would count the story twice.
    if (dup == DuplicateStatus.UNIQUE) {
      for (TopicTag tag : d.tagged().getTags()) {
        Counter.builder(TAGS).description("Unique articles tagged, by topic and role")
            .tag("topic", tag.getTopic()).tag("role", tag.getRole() == null ? "none" : lower(tag.getRole().name()))
            .register(registry).increment();
      }
    }
    StoryEvent event = d.decision().getStoryEvent();
    if (event != StoryEvent.NONE) {
      registry.counter(STORIES, "event", lower(event.name())).increment();
      var fetched = d.tagged().getArticle().getFetchedAt();
      if (fetched != null && nowMs >= fetched.toEpochMilli()) {
        ingestToAlert.record(Duration.ofMillis(nowMs - fetched.toEpochMilli()));
      }
    }
  }

  /** A record sent to the dead-letter topic; {@code reason} is the handler's category, not the message. */
  public void deadLetter(String reason) {
    registry.counter(DEAD_LETTERS, "reason", reason).increment();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
