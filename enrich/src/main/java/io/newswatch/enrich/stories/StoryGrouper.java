package io.newswatch.enrich.stories;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns articles to stories in event-time order (ties by id, so the outcome is the same on every
 * replay): a near-duplicate joins its original's story; any other article joins the open story the
 * {@link StoryMatcher} scores highest, or starts one. In memory, for evaluation and for the offline
 * commands; the stream keeps the same decision per partition of story keys.
 */
public final class StoryGrouper {

  private final StoryMatcher matcher;

  public StoryGrouper(StoryMatcher matcher) {
    this.matcher = matcher;
  }

  /** The story id of every article. */
  public Map<String, String> assign(List<StoryArticle> articles) {
    List<StoryArticle> ordered = new ArrayList<>(articles);
    ordered.sort(Comparator.comparing(StoryArticle::time).thenComparing(StoryArticle::id));
    Map<String, StoryProfile> stories = new LinkedHashMap<>();
    Map<String, String> storyOf = new LinkedHashMap<>();
    for (StoryArticle a : ordered) {
      String story = a.duplicateOf() == null ? null : storyOf.get(a.duplicateOf());
      if (story == null) {
        double best = 0;
        for (StoryProfile p : stories.values()) {
          double s = matcher.score(p, a);
          if (s > best) {
            best = s;
            story = p.storyId();
          }
        }
      }
      if (story == null) {
        stories.put(a.id(), StoryProfile.start(a));
        storyOf.put(a.id(), a.id());
      } else {
        stories.put(story, stories.get(story).plus(a));
        storyOf.put(a.id(), story);
      }
    }
    return storyOf;
  }
}
