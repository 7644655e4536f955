package io.newswatch.enrich.stories;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a story assignment against labelled events: pairwise precision and recall (over pairs of
 * articles put together), B-cubed precision, recall and F1 (per article: how much of its predicted
 * story is its event, and of its event its story), and the wrong merges (pairs of different events
 * in one story), which matter most.
 */
public final class StoryEvaluation {

  /** The figures, and the wrongly merged and wrongly split pairs. */
  public record Report(int articles, int goldPairs, int predictedPairs, int rightPairs, double bcubedPrecision,
      double bcubedRecall, List<String> wrongMerges, List<String> splits) {
    public double pairwisePrecision() {
      return predictedPairs == 0 ? 1 : (double) rightPairs / predictedPairs;
    }

    public double pairwiseRecall() {
      return goldPairs == 0 ? 1 : (double) rightPairs / goldPairs;
    }

    public double bcubedF1() {
      double p = bcubedPrecision;
      double r = bcubedRecall;
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  private StoryEvaluation() {}

  /** {@code gold}: article id to event; {@code predicted}: article id to story (every gold article). */
  public static Report evaluate(Map<String, String> gold, Map<String, String> predicted) {
    List<String> ids = new ArrayList<>(gold.keySet());
    ids.sort(null);
    Map<String, Set<String>> events = group(gold, ids);
    Map<String, Set<String>> stories = group(predicted, ids);
    int goldPairs = 0;
    int predictedPairs = 0;
    int right = 0;
    List<String> wrong = new ArrayList<>();
    List<String> splits = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        String a = ids.get(i);
        String b = ids.get(j);
        boolean sameEvent = gold.get(a).equals(gold.get(b));
        boolean sameStory = predicted.get(a).equals(predicted.get(b));
        goldPairs += sameEvent ? 1 : 0;
        predictedPairs += sameStory ? 1 : 0;
        right += sameEvent && sameStory ? 1 : 0;
        if (sameStory && !sameEvent) {
          wrong.add(a + " + " + b + " (" + gold.get(a) + " / " + gold.get(b) + ")");
        }
        if (sameEvent && !sameStory) {
          splits.add(a + " / " + b + " (" + gold.get(a) + ")");
        }
      }
    }
    double bp = 0;
    double br = 0;
    for (String id : ids) {
      Set<String> story = stories.get(predicted.get(id));
      Set<String> event = events.get(gold.get(id));
      Set<String> both = new HashSet<>(story);
      both.retainAll(event);
      bp += (double) both.size() / story.size();
      br += (double) both.size() / event.size();
    }
    return new Report(ids.size(), goldPairs, predictedPairs, right, bp / ids.size(), br / ids.size(), wrong, splits);
  }

  private static Map<String, Set<String>> group(Map<String, String> labels, List<String> ids) {
    Map<String, Set<String>> out = new HashMap<>();
    for (String id : ids) {
      String label = labels.get(id);
      if (label == null) {
        throw new IllegalArgumentException("article " + id + " has no label");
      }
      out.computeIfAbsent(label, k -> new HashSet<>()).add(id);
    }
    return out;
  }
}
