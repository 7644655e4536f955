package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.TestFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SeedTaggingTest {

  private static final Logger LOG = LoggerFactory.getLogger(SeedTaggingTest.class);

  private final TaxonomyTagger tagger = TaxonomyTagger.withDefaultTaxonomy();

  @Test
  void shouldGiveLabelledPrimaryTopicWhenTaggingEachSeed() {
    List<String[]> labels = TestFiles.tsv(TestFiles.seeds().resolve("labels.tsv"));
    assertThat(labels).hasSize(5);
    for (String[] row : labels) {
      Document doc = TestFiles.document(TestFiles.seeds().resolve(row[0]));
      TaggingResult result = tagger.tag(doc);
      Set<String> allowed = new java.util.HashSet<>(List.of(row[2]));
      if (!row[3].equals("-")) {
        allowed.addAll(List.of(row[3].split(",")));
      }
      assertThat(result.language()).as(row[0]).isEqualTo(row[1]);
      assertThat(result.primary()).as(row[0]).get().extracting(TopicScore::topic).isEqualTo(row[2]);
      assertThat(result.tags()).as(row[0]).extracting(TopicScore::topic).isSubsetOf(allowed);
    }
  }

  @Test
  void shouldMarkDmzSeedHighWithReasonsWhenShotsWereFired() {
    Document doc = TestFiles.document(TestFiles.seeds().resolve("000_453ad6d33d7d31e1.txt"));
    TopicScore dmz = tagger.tag(doc).primary().orElseThrow();
    assertThat(dmz.severity()).isEqualTo(io.newswatch.schemas.avro.Severity.HIGH);
    assertThat(dmz.severityReasons()).anyMatch(r -> r.startsWith("shots fired"));
  }

  @Test
  void shouldLogThroughputWhenTaggingSeedsRepeatedly() {
    List<Document> docs = new ArrayList<>();
    for (String[] row : TestFiles.tsv(TestFiles.seeds().resolve("labels.tsv"))) {
      docs.add(TestFiles.document(TestFiles.seeds().resolve(row[0])));
    }
    int perRound = 0;
    for (Document doc : docs) {
      perRound += tagger.tag(doc).tags().size();
    }
    int rounds = 40;
    int tags = 0;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      for (Document doc : docs) {
        tags += tagger.tag(doc).tags().size();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long chars = docs.stream().mapToLong(d -> d.title().length() + d.body().length()).sum();
    LOG.info(
        "tagged {} seed documents ({} chars each on average) in {} s: {} docs/s",
        rounds * docs.size(), chars / docs.size(), String.format(java.util.Locale.ROOT, "%.2f", seconds),
        String.format(java.util.Locale.ROOT, "%.0f", rounds * docs.size() / seconds));
    assertThat(perRound).isBetween(5, 7); // one primary each, plus at most the two acceptable secondaries
    assertThat(tags).isEqualTo(rounds * perRound); // tagging is deterministic
  }
}
