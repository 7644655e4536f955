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
   * {@link #resolve} for an article's title and body as if joined by a newline, without joining them.
   */
  public static TextLanguage resolve(String declared, String title, String body) {
    TextLanguage language = declared(declared);
    return language != null ? language : byScript(title, body);
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
    long counts = count(text, 0L);
    return arabic(counts) > latin(counts) ? AR : EN;
  }

  /** {@link #byScript} of {@code first + "\n" + second}, without joining them (a newline is no letter). */
  public static TextLanguage byScript(CharSequence first, CharSequence second) {
    long counts = count(second == null ? "null" : second, count(first == null ? "null" : first, 0L));
    return arabic(counts) > latin(counts) ? AR : EN;
  }

  /** Letters decide the script; the first this many of them decide it as well as all of them would. */
  private static final int SAMPLE_LETTERS = 4000;
  /** Which characters of the Arabic blocks are letters (Character.isLetter, looked up once). */
  private static final boolean[] ARABIC_LETTER = new boolean[0x10000];

  static {
    for (int c = 0; c < 0x10000; c++) {
      ARABIC_LETTER[c] = isArabicBlock((char) c) && Character.isLetter(c);
    }
  }

  private static boolean isArabicBlock(char c) {
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF)
        || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
  }

  /**
   * Adds the Arabic (high half) and Latin (low half) letters of {@code text} to {@code counts}, until
   * {@link #SAMPLE_LETTERS} letters in all. Plain code-point ranges instead of
   * Character.UnicodeScript.of (a binary search per char): this runs on every article.
   */
  private static long count(CharSequence text, long counts) {
    int arabic = arabic(counts);
    int latin = latin(counts);
    for (int i = 0; i < text.length() && arabic + latin < SAMPLE_LETTERS; i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && Character.isLetter(c))) {
        latin++;
      } else if (ARABIC_LETTER[c]) {
        arabic++;
      }
    }
    return ((long) arabic << 32) | latin;
  }

  private static int arabic(long counts) {
    return (int) (counts >>> 32);
  }

  private static int latin(long counts) {
    return (int) counts;
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
