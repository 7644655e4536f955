package io.newswatch.enrich.tagging;

import io.newswatch.schemas.avro.TopicTag;
import java.util.List;

/** Maps tagging results to the Avro records of the schema contract. */
public final class AvroTags {

  private AvroTags() {}

  /** The tags of a result, strongest first, as Avro {@link TopicTag}s. */
  public static List<TopicTag> topicTags(TaggingResult result) {
    return result.tags().stream().map(s -> topicTag(s, result.taxonomyVersion())).toList();
  }

  /** One topic score as an Avro {@link TopicTag}. */
  public static TopicTag topicTag(TopicScore score, String taxonomyVersion) {
    return TopicTag.newBuilder()
        .setTopic(score.topic())
        .setScore(score.score())
        .setThreshold(score.threshold())
        .setEvidence(evidence(score.evidence()))
        .setTaxonomyVersion(taxonomyVersion)
        .setRuleIds(score.ruleIds())
        .build();
  }

  /** Evidence as Avro records (the rule id is carried by {@code TopicTag.ruleIds}). */
  public static List<io.newswatch.schemas.avro.Evidence> evidence(List<Evidence> evidence) {
    return evidence.stream()
        .map(
            e ->
                io.newswatch.schemas.avro.Evidence.newBuilder()
                    .setTerm(e.term())
                    .setText(e.text())
                    .setField(e.field())
                    .setStart(e.start())
                    .setEnd(e.end())
                    .setWeight(e.weight())
                    .build())
        .toList();
  }
}
