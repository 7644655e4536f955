package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.dedup.Fingerprint;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import java.text.Normalizer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint of an article is the same whether it reuses the tagger's terms (NFC text in the
 * script's language, as ingest writes it) or analyzes the text again for dedup (any other text).
 */
class ArticleTaggingTest {
  private static final ArticleTagging TAGGING =
      new ArticleTagging(TaxonomyTagger.withDefaultTaxonomy(), Fingerprinter.withDefaults(), new AnchorIndexMatcher());

  // Written for this test. The Arabic has hamza and madda letters, which NFD decomposes.
  private static final String AR_TITLE = "إطلاق نار تحذيري قرب المنطقة المنزوعة السلاح";
  private static final String AR_BODY = "أطلق الجيش الكوري الجنوبي طلقات تحذيرية بعد أن عبر جنود من الشمال خط "
      + "الترسيم العسكري في القطاع الأوسط صباح الثلاثاء. وقالت هيئة الأركان المشتركة إن الجنود عادوا إلى "
      + "الشمال بعد الطلقات، وإن الجيش يراقب تحركاتهم عن كثب. وأضافت أن آليات هندسية شوهدت قرب الحدود.";
  private static final String EN_TITLE = "Warning shots after soldiers cross the MDL";
  private static final String EN_BODY = "South Korea's military fired warning shots on Tuesday after about "
      + "twenty North Korean soldiers crossed the Military Demarcation Line in the central sector. The Joint "
      + "Chiefs of Staff said the soldiers, who were doing construction work, went back north.";

  private static Article article(String id, String lang, String title, String body) {
    return Article.newBuilder().setId(id).setTitle(title).setBody(body).setLang(lang).setSource("outlet")
        .setSourceType(SourceType.FILE).setFetchedAt(Instant.parse("2026-12-01T08:00:00Z")).setContentHash("")
        .build();
  }

  private static void assertSameFingerprint(Fingerprint actual, Fingerprint expected) {
    assertThat(actual.contentHash()).isEqualTo(expected.contentHash());
    assertThat(actual.signature()).isEqualTo(expected.signature());
    assertThat(actual.bandKeys()).isEqualTo(expected.bandKeys());
  }

  @Test
  void theTaggersTermsGiveTheFingerprintOfTheTextAnalyzedForDedup() {
    Fingerprinter fingerprinter = Fingerprinter.withDefaults();
    for (Article a : new Article[] {article("ar-1", "ar", AR_TITLE, AR_BODY), article("en-1", "en", EN_TITLE, EN_BODY)}) {
      Fingerprint reused = TAGGING.analyze(a.getId(), a).fingerprint();
      assertSameFingerprint(reused, fingerprinter.fingerprint(a.getTitle() + "\n" + a.getBody()));
    }
  }

  @Test
  void aCopyThatIsNotNfcIsTheSameDuplicateAsTheNfcText() {
    String nfdTitle = Normalizer.normalize(AR_TITLE, Normalizer.Form.NFD);
    String nfdBody = Normalizer.normalize(AR_BODY, Normalizer.Form.NFD);
    assertThat(nfdBody).isNotEqualTo(AR_BODY);
    Fingerprint nfc = TAGGING.analyze("ar-1", article("ar-1", "ar", AR_TITLE, AR_BODY)).fingerprint();
    Fingerprint nfd = TAGGING.analyze("ar-2", article("ar-2", "ar", nfdTitle, nfdBody)).fingerprint();
    assertSameFingerprint(nfd, nfc);
  }

  @Test
  void anArticleDeclaredInAnotherLanguageIsFingerprintedByItsScript() {
    Fingerprint declaredEnglish = TAGGING.analyze("ar-3", article("ar-3", "en", AR_TITLE, AR_BODY)).fingerprint();
    Fingerprint arabic = TAGGING.analyze("ar-1", article("ar-1", "ar", AR_TITLE, AR_BODY)).fingerprint();
    assertSameFingerprint(declaredEnglish, arabic);
  }
}
