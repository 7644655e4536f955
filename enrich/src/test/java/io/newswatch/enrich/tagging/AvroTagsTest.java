package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.TestFiles;
import io.newswatch.schemas.avro.TopicTag;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroTagsTest {

  @Test
  void shouldMapTagsToAvroRecordsWhenArticleIsTagged() {
    TaxonomyTagger tagger = TaxonomyTagger.withDefaultTaxonomy();
    TaggingResult result =
        tagger.tag(TestFiles.document(TestFiles.resource("eval/en_det_01.txt")));
    List<TopicTag> tags = AvroTags.topicTags(result);
    assertThat(tags).hasSize(result.tags().size()).isNotEmpty();
    TopicTag tag = tags.get(0);
    TopicScore score = result.primary().orElseThrow();
    assertThat(tag.getTopic()).isEqualTo("deterrence");
    assertThat(tag.getScore()).isEqualTo(score.score());
    assertThat(tag.getTaxonomyVersion()).isEqualTo(tagger.taxonomyVersion());
    assertThat(tag.getRuleIds()).isEqualTo(score.ruleIds());
    assertThat(tag.getEvidence()).hasSameSizeAs(score.evidence());
    assertThat(tag.getEvidence().get(0).getText()).isEqualTo(score.evidence().get(0).text());
    assertThat(tag.getEvidence().get(0).getRule()).isEqualTo(score.evidence().get(0).ruleId());
    assertThat(tag.getEvidence().get(0).getSnippet()).isEqualTo(score.evidence().get(0).snippet());
    assertThat(tag.getRole()).isEqualTo(io.newswatch.schemas.avro.TagRole.PRIMARY);
    assertThat(tag.getPassages()).hasSameSizeAs(score.passages()).isNotEmpty();
    assertThat(tag.getPassages().get(0).getText()).isEqualTo(score.passages().get(0).text());
    assertThat(tag.getPassageScore()).isEqualTo(score.passageScore());
    assertThat(tag.getSeverity()).isEqualTo(score.severity());
  }
}
