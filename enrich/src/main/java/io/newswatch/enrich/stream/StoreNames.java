package io.newswatch.enrich.stream;

/** Names of the topology's stores and repartition topics: changing one changes a changelog topic. */
public final class StoreNames {
  /** The matcher's remembered articles (one compact entry per article), keyed by article id. */
  public static final String DEDUP_INDEX = "dedup-index";
  /** The matcher's open stories, keyed by story id. */
  public static final String STORIES = "story-index";
  /** Tagged articles waiting for their decision, on the heap of their task (not logged). */
  public static final String PARKED = "dedup-parked";
  public static final String SURGE = "surge-state";
  /** Probes of every article to the single matcher task (one partition). */
  public static final String PROBES_REPARTITION = "dedup-probes";
  /** Decisions back to each article's raw partition. */
  public static final String DECISIONS_REPARTITION = "dedup-decisions";
  public static final String SURGE_REPARTITION = "surge-by-topic";
  /** The global store of subscriptions (read from their compacted topic, so it has no changelog). */
  public static final String SUBSCRIPTIONS = "subscriptions";

  private StoreNames() {}
}
