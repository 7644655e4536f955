package io.newswatch.enrich.stream;

/** Names of the topology's stores and repartition topics: changing one changes a changelog topic. */
public final class StoreNames {
  public static final String SEEN_IDS = "dedup-seen-ids";
  public static final String PENDING = "dedup-pending";
  public static final String VOTES = "dedup-votes";
  public static final String BAND_INDEX = "dedup-band-index";
  public static final String SIGNATURES = "dedup-signatures";
  public static final String SURGE = "surge-state";
  public static final String BANDS_REPARTITION = "dedup-bands";
  public static final String REPLIES_REPARTITION = "dedup-replies";
  public static final String SURGE_REPARTITION = "surge-by-topic";
  /** The global store of subscriptions (read from their compacted topic, so it has no changelog). */
  public static final String SUBSCRIPTIONS = "subscriptions";

  private StoreNames() {}
}
