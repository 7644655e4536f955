package io.newswatch.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.ingest.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LanguageIdentifierTest {

  private static final Logger LOG = LoggerFactory.getLogger(LanguageIdentifierTest.class);
  private static final Set<String> KNOWN = Set.of("ar", "en");
  private final LanguageIdentifier identifier = new LanguageIdentifier();

  private record Case(String label, String text) {
    String expected() {
      return KNOWN.contains(label) ? label : "und";
    }
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (String line : new String(TestServer.resource("/langid/cases.tsv"), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t", 2);
      cases.add(new Case(parts[0], parts[1]));
    }
    return cases;
  }

  @Test
  void shouldReachAccuracyFloorWhenRunOnTheLabelledSet() {
    List<Case> cases = cases();
    List<String> misses = new ArrayList<>();
    for (Case c : cases) {
      String got = identifier.identify(c.text());
      if (!got.equals(c.expected())) {
        misses.add(c.label() + " -> " + got + ": " + c.text());
      }
    }
    double accuracy = 1.0 - (double) misses.size() / cases.size();
    LOG.info("Language identification accuracy {}/{} = {}; misses: {}", cases.size() - misses.size(), cases.size(),
        String.format(java.util.Locale.ROOT, "%.3f", accuracy), misses);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    assertThat(accuracy).as("misses: %s", misses).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void shouldNeverCallForeignTextArabicOrEnglishWhenItIsAnotherLanguage() {
    assertThat(cases()).filteredOn(c -> !KNOWN.contains(c.label()))
        .allSatisfy(c -> assertThat(identifier.identify(c.text())).as(c.text()).isEqualTo("und"));
  }

  @Test
  void shouldKeepADeclaredLanguageOnlyWhenTheScriptAgrees() {
    assertThat(identifier.identify("OK", "en-US")).isEqualTo("en");
    assertThat(identifier.identify("국방부는 밝혔다", "en")).isEqualTo("und");
    assertThat(identifier.identify("Le ministre a déclaré que la paix", "fr")).isEqualTo("fr");
    assertThat(identifier.identify("Le ministre a déclaré que la paix", "french")).isEqualTo("und");
  }
}
