package io.newswatch.enrich.analysis;

import java.util.Locale;

/** The languages the analyzers support, and how an article's language is resolved to one. */
public enum TextLanguage {
  AR("ar"),
  EN("en");

  private final String code;

  TextLanguage(String code) {
    this.code = code;
  }

  /** The ISO 639-1 code, as used in {@code Article.lang}. */
  public String code() {
    return code;
  }

  /**
   * Resolves a declared language code; for {@code und}, empty or an unsupported code the language
   * is taken from the script of the text, since a wrong feed declaration should not blind the tagger.
   */
  public static TextLanguage resolve(String declared, CharSequence text) {
    TextLanguage language = declared(declared);
    return language != null ? language : byScript(text);
  }

  /**
   * {@link #resolve} for an article's title and body: they are joined only when the script has to
   * decide (most articles declare their language, and the join copies the whole text).
   */
  public static TextLanguage resolve(String declared, String title, String body) {
    TextLanguage language = declared(declared);
    return language != null ? language : byScript(title + "\n" + body);
  }

  /** The supported language a declared code names ({@code ar}, {@code en-GB}), or null. */
  private static TextLanguage declared(String declared) {
    if (declared == null) {
      return null;
    }
    String code = declared.strip().toLowerCase(Locale.ROOT);
    int dash = code.indexOf('-');
    if (dash > 0) {
      code = code.substring(0, dash);
    }
    return code.equals("ar") ? AR : code.equals("en") ? EN : null;
  }

  /** Arabic when Arabic letters outnumber Latin ones, otherwise English. */
  public static TextLanguage byScript(CharSequence text) {
    if (text == null) {
      return EN;
    }
    int arabic = 0;
    int latin = 0;
    // Plain code-point ranges instead of Character.UnicodeScript.of (a binary search per char), and a
    // sample of the text: this runs on every article, and 4,000 letters decide the script as well as 40,000.
    for (int i = 0; i < text.length() && arabic + latin < 4000; i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && Character.isLetter(c))) {
        latin++;
      } else if ((c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF)
          || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)) {
        if (Character.isLetter(c)) {
          arabic++;
        }
      }
    }
    return arabic > latin ? AR : EN;
  }

  /** Parses a code such as {@code ar}; returns null for anything else. */
  public static TextLanguage ofCode(String code) {
    for (TextLanguage language : values()) {
      if (language.code.equals(code)) {
        return language;
      }
    }
    return null;
  }
}
