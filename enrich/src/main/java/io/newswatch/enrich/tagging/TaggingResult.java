package io.newswatch.enrich.tagging;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tagger's verdict on one article: every topic's score, the tags among them and the primary one.
 * {@code terms} are the analyzed (surface) terms of title then body, in {@code language}, for other
 * consumers of the same analysis (dedup fingerprints), so an article is analyzed once. {@code
 * entities} are what story assignment compares: the taxonomy's entity ids the article names
 * ({@code place.kursk}) and the facts it states ({@code num:10000}, {@code date:06-18}), sorted.
 */
public record TaggingResult(
    String documentId, String language, String taxonomyVersion, List<TopicScore> scores, List<String> terms,
    List<String> entities) {

  // Topics have their own thresholds, so raw scores are not comparable across topics: the primary tag
  // comes first, then the others by how far above their own bar they are.
  private static final Comparator<TopicScore> STRONGEST =
      Comparator.comparing((TopicScore s) -> s.role() == TagRole.PRIMARY ? 0 : 1)
          .thenComparing(Comparator.comparingDouble(TopicScore::strength).reversed())
          .thenComparing(TopicScore::topic);

  public TaggingResult {
    scores = List.copyOf(scores);
    terms = List.copyOf(terms);
    entities = List.copyOf(entities);
  }

  /** The topics tagged, primary first, then by strength. */
  public List<TopicScore> tags() {
    return scores.stream().filter(TopicScore::tagged).sorted(STRONGEST).toList();
  }

  /** The primary tag, if any. */
  public Optional<TopicScore> primary() {
    return tags().stream().findFirst();
  }

  /** The score of a topic, tagged or not. */
  public Optional<TopicScore> score(String topic) {
    return scores.stream().filter(s -> s.topic().equals(topic)).findFirst();
  }
}
