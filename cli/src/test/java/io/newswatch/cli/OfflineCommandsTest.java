package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** tag, eval and taxonomy check: the tagger offline, no broker involved. */
class OfflineCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Path resource(String name) {
    try {
      return Path.of(OfflineCommandsTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path seeds() {
    String root = System.getProperty("newswatch.repo.root", "..");
    return Path.of(root).resolve("samples/seeds");
  }

  @Test
  void shouldPointEvidenceOffsetsIntoTheFileTheUserGave() throws Exception {
    Path file = resource("offline/with-debris.txt");
    String text = Files.readString(file);
    TestCli.Run run = TestCli.run("tag", file.toString());

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode line = JSON.readTree(run.out());
    assertThat(line.get("primary").asText()).isEqualTo("dmz");
    JsonNode dmz = line.get("topics").get(0);
    assertThat(dmz.get("role").asText()).isEqualTo("PRIMARY");
    assertThat(dmz.get("evidence")).isNotEmpty();
    for (JsonNode e : dmz.get("evidence")) {
      int start = e.get("start").asInt();
      int end = e.get("end").asInt();
      assertThat(start).as("evidence %s is mapped into the file", e).isNotNegative();
      assertThat(text.substring(start, end)).isEqualTo(e.get("text").asText());
      assertThat(e.get("snippet").asText()).contains(e.get("text").asText());
    }
    JsonNode passage = dmz.get("passages").get(0);
    assertThat(text.substring(passage.get("start").asInt(), passage.get("end").asInt()))
        .startsWith("South Korean soldiers fired warning shots");
  }

  @Test
  void shouldSayWhyEachTopicWasOrWasNotTaggedWhenAskedToExplain() throws Exception {
    TestCli.Run run = TestCli.run("tag", "--explain", resource("offline/with-debris.txt").toString());

    JsonNode explain = JSON.readTree(run.out()).get("explain");
    assertThat(explain.get("dmz").get("tagged").asBoolean()).isTrue();
    assertThat(explain.get("dmz").get("why").asText()).startsWith("PRIMARY");
    assertThat(explain.get("deterrence").get("tagged").asBoolean()).isFalse();
    assertThat(explain.get("deterrence").get("why").asText()).startsWith("not tagged")
        .contains("bar");
  }

  @Test
  void shouldExitNonZeroNamingTheFileWhenAnInputIsMissing() {
    TestCli.Run run = TestCli.run("tag", "no-such-file.txt");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("no-such-file.txt").contains("no such file");
  }

  @Test
  void shouldReportF1PerTopicAndLanguageAndPrimaryAccuracyWhenEvaluatingAFolder() {
    TestCli.Run run = TestCli.run("eval", seeds().toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("ar (5 articles): macro F1").contains("primary topic right 5/5")
        .contains("russia_deployment").contains("errors:");
  }

  @Test
  void shouldFailWhenMacroF1IsBelowTheGivenFloor() {
    TestCli.Run run = TestCli.run("eval", "--min-macro-f1", "1.01", seeds().toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("macro F1").contains("below 1.010");
  }

  @Test
  void shouldPrintDiagnosticsWithLineAndSuggestionWhenCheckingABrokenTaxonomy() {
    TestCli.Run run = TestCli.run("taxonomy", "check", resource("offline/broken-taxonomy.yaml").toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("broken-taxonomy.yaml:4:5: error: topics[dmz]: has unknown key 'threshhold'")
        .contains("did you mean 'threshold'?").contains("would not load");
  }

  @Test
  void shouldRefuseToTagWithABrokenTaxonomy() {
    TestCli.Run run = TestCli.run("tag", "--taxonomy", resource("offline/broken-taxonomy.yaml").toString(),
        resource("offline/with-debris.txt").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("threshhold").contains("did you mean 'threshold'?");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void shouldAcceptTheBundledTaxonomyWhenChecked() {
    Path bundled = Path.of(System.getProperty("newswatch.repo.root", ".."))
        .resolve("enrich/src/main/resources/taxonomy/default.yaml");
    TestCli.Run run = TestCli.run("taxonomy", "check", bundled.toString());

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("ok, version").contains("[dmz, russia_deployment, deterrence]");
  }
}
