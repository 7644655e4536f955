package io.newswatch.enrich.stories;

import java.time.Duration;
import java.util.Objects;

/**
 * How stories are formed: an article joins a story whose last article is at most {@code window}
 * away in event time, when they share at least {@code minShared} weight of entities and facts and
 * that is at least {@code minOverlap} of the smaller side's weight.
 */
public record StoryConfig(Duration window, double minShared, double minOverlap) {

  /** 48 hours, 3.0 shared weight (two specific things), a third of the smaller side. */
  public static final StoryConfig DEFAULTS = new StoryConfig(Duration.ofHours(48), 3.0, 0.34);

  public StoryConfig {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("enrich.stories.window must be positive, got " + window);
    }
    if (!(minShared > 0)) {
      throw new IllegalArgumentException("the shared weight of a story must be positive, got " + minShared);
    }
    if (!(minOverlap > 0 && minOverlap <= 1)) {
      throw new IllegalArgumentException("the overlap of a story must be in (0, 1], got " + minOverlap);
    }
  }

  public StoryConfig withWindow(Duration newWindow) {
    return new StoryConfig(newWindow, minShared, minOverlap);
  }
}
