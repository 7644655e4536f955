package io.newswatch.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {

  private static List<String> ar(String text) {
    return TextAnalysis.tokens(text, TextLanguage.AR).stream().map(Token::term).toList();
  }

  private static List<String> en(String text) {
    return TextAnalysis.tokens(text, TextLanguage.EN).stream().map(Token::term).toList();
  }

  @Test
  void shouldIgnoreDiacriticsWhenArabicIsVocalized() {
    assertThat(ar("الْقُوَّاتُ الكُورِيَّةُ")).isEqualTo(ar("القوات الكورية"));
  }

  @Test
  void shouldRemoveTatweelWhenWordIsStretched() {
    assertThat(ar("مــوســكــو")).isEqualTo(ar("موسكو")).containsExactly("موسكو");
  }

  @Test
  void shouldUnifyHamzaFormsOfAlefWhenSpelledDifferently() {
    assertThat(ar("أمريكا")).isEqualTo(ar("امريكا"));
    assertThat(ar("إطلاق")).isEqualTo(ar("اطلاق"));
    assertThat(ar("آسيا")).isEqualTo(ar("اسيا"));
  }

  @Test
  void shouldUnifyTaaMarbutaAndHaWhenWordEndsWithEither() {
    assertThat(ar("منطقة")).isEqualTo(ar("منطقه"));
  }

  @Test
  void shouldUnifyAlefMaqsuraAndYaWhenWordEndsWithEither() {
    assertThat(ar("مستشفى")).isEqualTo(ar("مستشفي"));
  }

  @Test
  void shouldStripArticleAndConjunctionPrefixesWhenStemming() {
    assertThat(ar("والقوات")).isEqualTo(ar("القوات")).isEqualTo(ar("قوات"));
    assertThat(ar("بالصواريخ")).isEqualTo(ar("الصواريخ"));
  }

  @Test
  void shouldFoldArabicIndicDigitsWhenNumbersAreWrittenInArabicScript() {
    assertThat(ar("٢٠٢٤")).containsExactly("2024");
  }

  @Test
  void shouldKeepOriginalOffsetsWhenNormalizing() {
    String text = "قال إنّ والقُوّات وصلت";
    Token token = TextAnalysis.tokens(text, TextLanguage.AR).get(2);
    assertThat(text.substring(token.start(), token.end())).isEqualTo("والقُوّات");
  }

  @Test
  void shouldStemEnglishInflectionsAndPossessivesWhenAnalyzing() {
    assertThat(en("troops")).isEqualTo(en("troop"));
    assertThat(en("deployed")).isEqualTo(en("deploying")).isEqualTo(en("deploy"));
    assertThat(en("North Korea's soldiers")).containsExactly("north", "korea", "soldier");
  }

  @Test
  void shouldChooseLanguageByScriptWhenDeclaredLanguageIsUnknown() {
    assertThat(TextLanguage.resolve("und", "كوريا الشمالية DMZ")).isEqualTo(TextLanguage.AR);
    assertThat(TextLanguage.resolve("und", "North Korea")).isEqualTo(TextLanguage.EN);
    assertThat(TextLanguage.resolve("en-US", "كوريا")).isEqualTo(TextLanguage.EN);
    assertThat(TextLanguage.resolve("AR", "Korea")).isEqualTo(TextLanguage.AR);
  }

  private static List<String> surface(String text, TextLanguage language) {
    return TextAnalysis.surfaceTokens(text, language).stream().map(Token::term).toList();
  }

  @Test
  void shouldFoldEverySpellingOfTheUsAcronymIntoOneTerm() {
    assertThat(surface("US U.S. USA U.S.A. troops", TextLanguage.EN))
        .containsExactly("u.s", "u.s", "u.s", "u.s", "troop");
    assertThat(surface("told us", TextLanguage.EN)).containsExactly("told", "us");
    // Near misses stay what they are: other capitals, lower case, a letter too many or too few.
    assertThat(surface("UK USS USAF Us uS U", TextLanguage.EN)).doesNotContain("u.s");
  }

  @Test
  void shouldKeepNuclearArmedApartFromArmsWhenAnalyzingForTagging() {
    // Porter stems "armed" and "arms" alike; the tagging chain only folds plurals.
    assertThat(surface("nuclear-armed", TextLanguage.EN)).containsExactly("nuclear", "armed");
    assertThat(surface("arms", TextLanguage.EN)).containsExactly("arm");
    assertThat(surface("forces forced", TextLanguage.EN)).containsExactly("force", "forced");
  }

  @Test
  void shouldNotStemArabicWhenAnalyzingForTagging() {
    assertThat(surface("قوية قوات", TextLanguage.AR)).containsExactly("قويه", "قوات");
  }

  @Test
  void shouldSplitGluedSentencesWhenAnalyzingForTagging() {
    assertThat(surface("Russia.The troops", TextLanguage.EN)).containsExactly("russia", "the", "troop");
  }

  private static List<String> stemsOfSurface(String text, TextLanguage language) {
    return TextAnalysis.stems(TextAnalysis.surfaceTokens(text, language).stream().map(Token::term).toList(), language);
  }

  @Test
  void shouldStemSurfaceTermsAsTheSearchChainStemsTheText() {
    String arabic = "وقالت القوات الكورية الجنوبية إن جنودا من الشمال عبروا خط الترسيم العسكري، "
        + "فأطلقت طلقات تحذيرية. وأضاف المتحدث أن الجيش يراقب تحركاتهم بالمنطقة المنزوعة السلاح";
    assertThat(stemsOfSurface(arabic, TextLanguage.AR)).isEqualTo(ar(arabic));
    String english = "Soldiers crossed the line; the military's spokesman said troops fired warning shots";
    assertThat(stemsOfSurface(english, TextLanguage.EN)).isEqualTo(en(english));
    // Worked out once per thread, then remembered: the same answer the second time.
    assertThat(stemsOfSurface(arabic, TextLanguage.AR)).isEqualTo(ar(arabic));
  }

  @Test
  void shouldChooseTheScriptOfTwoPartsAsOfTheirJoin() {
    Random random = new Random(11);
    String[] pieces = {"القوات", "Seoul", " ", "٢٠٢٤", "é", "\n", "DMZ", "خط", "1", "ü", "الترسيم"};
    for (int i = 0; i < 2_000; i++) {
      StringBuilder a = new StringBuilder();
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(i % 50 == 0 ? 3_000 : 12);
      for (int k = 0; k < n; k++) {
        (random.nextBoolean() ? a : b).append(pieces[random.nextInt(pieces.length)]);
      }
      assertThat(TextLanguage.byScript(a, b)).as("%s | %s", a, b).isEqualTo(TextLanguage.byScript(a + "\n" + b));
      assertThat(TextLanguage.resolve("und", a.toString(), b.toString())).isEqualTo(TextLanguage.byScript(a + "\n" + b));
    }
  }

  @Test
  void shouldGiveEveryWordItsOwnStemHoweverOftenAndInWhateverOrderWordsRecur() {
    Random random = new Random(5);
    String[] prefixes = {"", "ال", "و", "وال", "ب", "بال"};
    String[] roots = {"قوات", "جنود", "حدود", "صواريخ", "مناورات", "كوريا", "روسيا", "سفن", "مدفعية", "طائرات"};
    List<String> surface = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String word = prefixes[random.nextInt(prefixes.length)] + roots[random.nextInt(roots.length)] + random.nextInt(600);
      surface.add(TextAnalysis.surfaceTokens(word, TextLanguage.AR).getFirst().term());
    }
    List<String> stems = TextAnalysis.stems(surface, TextLanguage.AR);
    for (int i = 0; i < surface.size(); i++) {
      assertThat(stems.get(i)).as(surface.get(i)).isEqualTo(ar(surface.get(i)).getFirst());
    }
  }
}
