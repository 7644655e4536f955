package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EvidenceOffsetsTest {

  private final TaxonomyTagger tagger = TaxonomyTagger.withDefaultTaxonomy();

  @Test
  void shouldPointAtExactSurfaceTextWhenEvidenceIsReported() throws IOException {
    List<Path> files;
    try (Stream<Path> seeds = Files.list(TestFiles.seeds());
        Stream<Path> eval = Files.list(TestFiles.resource("eval"))) {
      files = Stream.concat(seeds, eval).filter(p -> p.toString().endsWith(".txt")).toList();
    }
    int checked = 0;
    for (Path file : files) {
      Document doc = TestFiles.document(file);
      for (TopicScore score : tagger.tag(doc).scores()) {
        for (Evidence e : score.evidence()) {
          String field = e.field().equals("title") ? doc.title() : doc.body();
          assertThat(field.substring(e.start(), e.end()))
              .as("%s %s %s", file.getFileName(), e.ruleId(), e.term())
              .isEqualTo(e.text());
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(200);
  }

  @Test
  void shouldCarryTheSentenceAsSnippetAndPointEveryHitAtOneOfTheTagsPassages() throws IOException {
    Document doc = TestFiles.document(TestFiles.seeds().resolve("000_453ad6d33d7d31e1.txt"));
    TopicScore dmz = tagger.tag(doc).score("dmz").orElseThrow();
    assertThat(dmz.evidence()).isNotEmpty().allSatisfy(e -> {
      assertThat(e.snippet()).contains(e.text());
      assertThat(e.weight()).isNotZero();
    });
    assertThat(dmz.evidence()).filteredOn(e -> e.passage() >= 0).allSatisfy(e -> {
      Passage p = dmz.passages().get(e.passage());
      assertThat(e.start()).isBetween(p.start(), p.end());
    });
  }

  @Test
  void shouldReportPrefixedArabicSurfaceWhenRuleTermIsBare() {
    String body = "قال مسؤول إن والقوات الكورية الشمالية وصلت إلى روسيا";
    TaggingResult result = tagger.tag(new Document("x", "", body, "und"));
    Evidence evidence =
        result.score("russia_deployment").orElseThrow().evidence().stream()
            .filter(e -> e.ruleId().equals("russia_deployment.nk_troops_in_war"))
            .findFirst()
            .orElseThrow();
    assertThat(evidence.text()).isEqualTo("والقوات");
    assertThat(body.substring(evidence.start(), evidence.end())).isEqualTo("والقوات");
    assertThat(result.language()).isEqualTo("ar");
  }

  @Test
  void shouldEqualSumOfEvidenceWeightsWhenScoring() {
    Document doc = TestFiles.document(TestFiles.resource("eval/en_dmz_01.txt"));
    TopicScore dmz = tagger.tag(doc).score("dmz").orElseThrow();
    double sum = dmz.evidence().stream().mapToDouble(Evidence::weight).sum();
    assertThat(dmz.score()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void shouldPutPassagesOnOneLineAsTheWhitespaceRegexWould() {
    java.util.regex.Pattern whitespace = java.util.regex.Pattern.compile("\\s+");
    // Every kind of space the pages carry: ASCII (\\s), no-break, em, ideographic, line separator.
    char[] alphabet = {'a', 'ب', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u00A0', '\u2003', '\u3000', '\u2028',
        '\u001F', '.'};
    java.util.Random random = new java.util.Random(7);
    for (int n = 0; n < 5_000; n++) {
      char[] chars = new char[random.nextInt(30)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = alphabet[random.nextInt(alphabet.length)];
      }
      String text = new String(chars);
      int from = chars.length == 0 ? 0 : random.nextInt(chars.length);
      int to = from + random.nextInt(chars.length - from + 1);
      assertThat(TaxonomyTagger.oneLine(text, from, to)).as("%s [%d, %d)", text, from, to)
          .isEqualTo(whitespace.matcher(text.substring(from, to)).replaceAll(" ").strip());
    }
  }
}
