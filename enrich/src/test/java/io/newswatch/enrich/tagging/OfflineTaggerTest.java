package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.enrich.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineTaggerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final OfflineTagger offline = OfflineTagger.withDefaultTaxonomy();

  @Test
  void shouldWriteOneJsonLinePerFileWithTopicsAndEvidence() throws Exception {
    Path seed = TestFiles.seeds().resolve("002_90e5858541e58d9e.txt");
    Path missing = TestFiles.seeds().resolve("does-not-exist.txt");
    List<String> lines = offline.tagFiles(List.of(seed, missing));

    assertThat(lines).hasSize(2).allMatch(l -> !l.contains("\n"));
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("file").asText()).isEqualTo(seed.toString());
    assertThat(first.get("id").asText()).hasSize(16).matches("[0-9a-f]+");
    assertThat(first.get("lang").asText()).isEqualTo("ar");
    assertThat(first.get("primary").asText()).isEqualTo("russia_deployment");
    JsonNode topic = first.get("topics").get(0);
    assertThat(topic.get("topic").asText()).isEqualTo("russia_deployment");
    assertThat(topic.get("score").asDouble()).isGreaterThanOrEqualTo(topic.get("threshold").asDouble());
    JsonNode evidence = topic.get("evidence").get(0);
    assertThat(evidence.fieldNames()).toIterable()
        .contains("term", "text", "field", "start", "end", "weight");

    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(second.get("error").asText()).startsWith("cannot read file");
  }

  @Test
  void shouldUseShortFirstLineAsTitleWhenReadingTextFile() {
    Document withTitle = OfflineTagger.readTextFile(TestFiles.seeds().resolve("002_90e5858541e58d9e.txt"));
    assertThat(withTitle.title()).isEqualTo("كوريا الجنوبية تطالب بسحب القوات الكورية الشمالية");
    Document longFirstLine = OfflineTagger.readTextFile(TestFiles.seeds().resolve("000_453ad6d33d7d31e1.txt"));
    assertThat(longFirstLine.title()).isEmpty();
    assertThat(longFirstLine.body()).startsWith("اقترحت كوريا الجنوبية");
  }

  @Test
  void shouldGiveSameIdWhenContentIsTheSame() {
    Path seed = TestFiles.seeds().resolve("004_5cf22d46475bf8bb.txt");
    assertThat(OfflineTagger.readTextFile(seed).id()).isEqualTo(OfflineTagger.readTextFile(seed).id());
  }
}
