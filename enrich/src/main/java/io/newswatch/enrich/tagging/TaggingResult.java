package io.newswatch.enrich.tagging;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tagger's verdict on one article: every topic's score, the tags among them and the primary one.
 * {@code terms} are the analyzed terms of title then body, in {@code language}, for other consumers
 * of the same analysis (dedup fingerprints), so an article is analyzed once.
 */
public record TaggingResult(
    String documentId, String language, String taxonomyVersion, List<TopicScore> scores, List<String> terms) {

  // Topics have their own thresholds (a narrow topic needs less evidence than a broad one), so raw
  // scores are not comparable across topics: the strongest tag is the one furthest above its own bar.
  private static final Comparator<TopicScore> STRONGEST =
      Comparator.comparingDouble(TopicScore::strength)
          .reversed()
          .thenComparing(Comparator.comparingDouble(TopicScore::score).reversed())
          .thenComparing(TopicScore::topic);

  public TaggingResult {
    scores = List.copyOf(scores);
    terms = List.copyOf(terms);
  }

  /** The topics that reached their threshold, strongest (score relative to threshold) first. */
  public List<TopicScore> tags() {
    return scores.stream().filter(TopicScore::tagged).sorted(STRONGEST).toList();
  }

  /** The tag furthest above its threshold, if any. */
  public Optional<TopicScore> primary() {
    return tags().stream().findFirst();
  }

  /** The score of a topic, tagged or not. */
  public Optional<TopicScore> score(String topic) {
    return scores.stream().filter(s -> s.topic().equals(topic)).findFirst();
  }
}
