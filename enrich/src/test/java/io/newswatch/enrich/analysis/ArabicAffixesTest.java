package io.newswatch.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArabicAffixesTest {

  /** The candidate stems of a word after the analyzer's normalization. */
  private static Set<String> stems(String word) {
    String normalized = TextAnalysis.surfaceTokens(word, TextLanguage.AR).getFirst().term();
    Set<String> out = new LinkedHashSet<>();
    ArabicAffixes.forEachStem(normalized, (w, from, to, taa) ->
        out.add(taa ? w.substring(from, to - 1) + "ه" : w.substring(from, to)));
    return out;
  }

  private static String canonical(String word) {
    return ArabicAffixes.canonical(TextAnalysis.surfaceTokens(word, TextLanguage.AR).getFirst().term());
  }

  @Test
  void shouldOfferTheBareNounWhenAPossessiveSuffixIsAttached() {
    assertThat(stems("قواتها")).contains(canonical("قوات"));
    assertThat(stems("جنودهم")).contains(canonical("جنود"));
    assertThat(stems("حدودنا")).contains(canonical("حدود"));
  }

  @Test
  void shouldRestoreTaaMarbutaWhenASuffixFollowsIt() {
    assertThat(stems("قيادتها")).contains(canonical("قيادة"));
  }

  @Test
  void shouldDropTanweenAlefWhenAnIndefiniteNounIsAccusative() {
    assertThat(stems("جندياً")).contains(canonical("جندي"));
    assertThat(stems("عسكرياً")).contains(canonical("عسكري"));
  }

  @Test
  void shouldStripProcliticsAndTheArticleInFront() {
    assertThat(stems("والقوات")).contains(canonical("القوات"));
    assertThat(stems("بالصواريخ")).contains(canonical("صواريخ"));
    assertThat(stems("لروسيا")).contains(canonical("روسيا"));
    assertThat(stems("وبقواتها")).contains(canonical("قوات"));
    assertThat(stems("للقوات")).contains(canonical("قوات"));
  }

  @Test
  void shouldKeepShortNameVariantsReachableWhenACliticIsAttached() {
    assertThat(stems("وسول")).contains(canonical("سول"));
    assertThat(stems("لسيول")).contains(canonical("سيول"));
  }

  @Test
  void shouldOnlyStripTheFutureMarkerFromAVerb() {
    assertThat(stems("سترسل")).contains("ترسل");
    assertThat(stems("سلاح")).doesNotContain("لاح");
  }

  @Test
  void shouldNeverMakeStrongEqualToForcesWhenStemming() {
    // Lucene's light stemmer reduces both قوية (strong) and قوات (forces) to قو.
    assertThat(stems("قوية")).doesNotContain(canonical("قوات"));
    assertThat(stems("القوية")).doesNotContain(canonical("قوات"));
    assertThat(stems("قوات")).doesNotContain(canonical("قوية"));
  }

  @Test
  void shouldNotProposeOneLetterStems() {
    assertThat(stems("وب")).allSatisfy(s -> assertThat(s.length()).isGreaterThanOrEqualTo(2));
  }
}
