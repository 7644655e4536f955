package io.newswatch.enrich.tagging;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The tagger's verdict on one article: every topic's score, the tags among them and the primary one. */
public record TaggingResult(
    String documentId, String language, String taxonomyVersion, List<TopicScore> scores) {

  private static final Comparator<TopicScore> STRONGEST =
      Comparator.comparingDouble(TopicScore::score)
          .reversed()
          .thenComparing(TopicScore::topic);

  public TaggingResult {
    scores = List.copyOf(scores);
  }

  /** The topics that reached their threshold, strongest first. */
  public List<TopicScore> tags() {
    return scores.stream().filter(TopicScore::tagged).sorted(STRONGEST).toList();
  }

  /** The tag with the highest score, if any. */
  public Optional<TopicScore> primary() {
    return tags().stream().findFirst();
  }

  /** The score of a topic, tagged or not. */
  public Optional<TopicScore> score(String topic) {
    return scores.stream().filter(s -> s.topic().equals(topic)).findFirst();
  }
}
