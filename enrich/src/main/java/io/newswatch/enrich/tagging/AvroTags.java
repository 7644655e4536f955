package io.newswatch.enrich.tagging;

import io.newswatch.schemas.avro.TagRole;
import io.newswatch.schemas.avro.TopicTag;
import java.util.List;

/** Maps tagging results to the Avro records of the schema contract. */
public final class AvroTags {

  private AvroTags() {}

  /** The tags of a result, primary first, as Avro {@link TopicTag}s. */
  public static List<TopicTag> topicTags(TaggingResult result) {
    return result.tags().stream().map(s -> topicTag(s, result.taxonomyVersion())).toList();
  }

  /** One topic score as an Avro {@link TopicTag}, with role, passages, evidence and severity. */
  public static TopicTag topicTag(TopicScore score, String taxonomyVersion) {
    return TopicTag.newBuilder()
        .setTopic(score.topic())
        .setScore(score.score())
        .setThreshold(score.threshold())
        .setPassageScore(score.passageScore())
        .setPassageThreshold(score.passageThreshold())
        .setRole(score.role() == null ? TagRole.UNKNOWN : TagRole.valueOf(score.role().name()))
        .setPassages(score.passages().stream().map(AvroTags::passage).toList())
        .setEvidence(evidence(score.evidence()))
        .setTaxonomyVersion(taxonomyVersion)
        .setRuleIds(score.ruleIds())
        .setSeverity(score.severity())
        .setSeverityReasons(score.severityReasons())
        .build();
  }

  /** Evidence as Avro records. */
  public static List<io.newswatch.schemas.avro.Evidence> evidence(List<Evidence> evidence) {
    return evidence.stream()
        .map(e -> io.newswatch.schemas.avro.Evidence.newBuilder()
            .setTerm(e.term())
            .setText(e.text())
            .setField(e.field())
            .setStart(e.start())
            .setEnd(e.end())
            .setWeight(e.weight())
            .setRule(e.ruleId())
            .setSnippet(e.snippet())
            .setPassage(e.passage())
            .build())
        .toList();
  }

  private static io.newswatch.schemas.avro.Passage passage(Passage p) {
    return io.newswatch.schemas.avro.Passage.newBuilder()
        .setField(p.field())
        .setStart(p.start())
        .setEnd(p.end())
        .setScore(p.score())
        .setLede(p.lede())
        .setText(p.text())
        .build();
  }
}
