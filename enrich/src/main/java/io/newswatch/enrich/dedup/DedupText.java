package io.newswatch.enrich.dedup;

import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.analysis.Token;
import java.text.Normalizer;
import java.util.List;

/** Normalizes text for duplicate detection into the same terms the tagger sees, chosen by script. */
public final class DedupText {

  private DedupText() {}

  /**
   * NFC, then the tagger's surface analysis ({@link TextAnalysis#surfaceTokens}) in the dominant
   * script's language, each term stemmed ({@link TextAnalysis#stems}: Arabic light stemming, Porter):
   * stems let a rewritten copy ("والقوات" / "القوات") share more shingles. The pipeline stems the
   * tagger's own terms when they are these surface terms (ArticleTagging), so there is one definition:
   * a copy that is not NFC is fingerprinted as the same text in NFC.
   */
  public static List<String> terms(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    TextLanguage language = TextLanguage.byScript(nfc);
    return ofSurfaceTerms(TextAnalysis.surfaceTokens(nfc, language).stream().map(Token::term).toList(), language);
  }

  /**
   * Dedup's terms of text already analyzed into surface terms ({@link TextAnalysis#surfaceTokens}) in
   * the language of its script, NFC: the tagger's terms, so that the stream need not analyze again.
   */
  public static List<String> ofSurfaceTerms(List<String> surfaceTerms, TextLanguage language) {
    return TextAnalysis.stems(surfaceTerms, language);
  }
}
