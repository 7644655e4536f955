package io.newswatch.enrich.dedup;

import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.analysis.Token;
import java.text.Normalizer;
import java.util.List;

/** Normalizes text for duplicate detection into the same terms the tagger sees, chosen by script. */
public final class DedupText {

  private DedupText() {}

  /** NFC, then the analyzer of the dominant script: lower case, Arabic normalization, stemming. */
  public static List<String> terms(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    return TextAnalysis.tokens(nfc, TextLanguage.byScript(nfc)).stream().map(Token::term).toList();
  }
}
