package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts an article states that tell one event from another of the same kind: quantities
 * ("10,000 troops", "10 آلاف جندي" are both {@code num:10000}) and calendar dates ("June 18",
 * "18 حزيران" are both {@code date:06-18}). Years are not quantities, and small numbers (days,
 * counts of a few) say too little to compare stories by.
 */
final class StoryFacts {

  /** Quantities below this are too common to tell events apart. */
  static final int MIN_QUANTITY = 100;

  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("january", 1), Map.entry("jan", 1), Map.entry("february", 2), Map.entry("feb", 2),
      Map.entry("march", 3), Map.entry("mar", 3), Map.entry("april", 4), Map.entry("apr", 4), Map.entry("may", 5),
      Map.entry("june", 6), Map.entry("jun", 6), Map.entry("july", 7), Map.entry("jul", 7), Map.entry("august", 8),
      Map.entry("aug", 8), Map.entry("september", 9), Map.entry("sept", 9), Map.entry("sep", 9),
      Map.entry("october", 10), Map.entry("oct", 10), Map.entry("november", 11), Map.entry("nov", 11),
      Map.entry("december", 12), Map.entry("dec", 12),
      // Arabic, after normalization (alef forms, taa marbuta, alef maqsura), Egyptian/Gulf and Levantine names
      Map.entry("يناير", 1), Map.entry("فبراير", 2), Map.entry("مارس", 3), Map.entry("ابريل", 4), Map.entry("مايو", 5),
      Map.entry("يونيو", 6), Map.entry("يونيه", 6), Map.entry("يوليو", 7), Map.entry("يوليه", 7),
      Map.entry("اغسطس", 8), Map.entry("سبتمبر", 9), Map.entry("اكتوبر", 10), Map.entry("نوفمبر", 11),
      Map.entry("ديسمبر", 12), Map.entry("شباط", 2), Map.entry("اذار", 3), Map.entry("نيسان", 4), Map.entry("ايار", 5),
      Map.entry("حزيران", 6), Map.entry("تموز", 7), Map.entry("اب", 8), Map.entry("ايلول", 9));
  /** Levantine month names of two words: the second word decides. */
  private static final Map<String, Integer> TWO_WORD_MONTHS = Map.of(
      "كانون الثاني", 1, "تشرين الاول", 10, "تشرين الثاني", 11, "كانون الاول", 12);
  /** The first words of {@link #TWO_WORD_MONTHS}: only after one of them is the pair looked up. */
  private static final Set<String> TWO_WORD_FIRSTS = Set.of("كانون", "تشرين");
  private static final Map<String, Long> MULTIPLIERS = Map.of(
      "thousand", 1_000L, "million", 1_000_000L, "الف", 1_000L, "الاف", 1_000L, "مليون", 1_000_000L,
      "ملايين", 1_000_000L, "الفا", 1_000L);

  /** Prefixes a month or multiplier may carry (the article, "and", "in", "so"), longest first. */
  private static final String[] ARTICLE_PREFIXES = {"وال", "بال", "ال", "و", "ب", "ف"};

  private static final Map<String, String> PREFIXED = prefixedForms();

  /**
   * What a word is to the facts, by the term as written: its form without the article, and the month,
   * multiplier or first word of a two-word month that form is. A term absent from the table is none
   * of them. One lookup per token: most tokens are none, and the loop over tokens is hot.
   */
  private record Word(String bare, int month, long multiplier, boolean twoWordFirst) {}

  private static final Map<String, Word> ARABIC_WORDS = words(true);
  private static final Map<String, Word> OTHER_WORDS = words(false);

  private StoryFacts() {}

  /** The facts of the article as keys: {@code num:<n>} and {@code date:<MM-DD>} (a lede's date also as {@code lede:date:<MM-DD>}). */
  static Set<String> of(AnalyzedText text) {
    Set<String> out = new TreeSet<>();
    int n = text.size();
    Map<String, Word> table = text.language() == TextLanguage.AR ? ARABIC_WORDS : OTHER_WORDS;
    // Each token's entry, once: month and multiplier look at a token and its neighbours.
    Word[] words = new Word[n];
    for (int i = 0; i < n; i++) {
      words[i] = table.get(text.token(i).term());
    }
    for (int i = 0; i < n; i++) {
      Word word = words[i];
      if (word != null) {
        int twoWord = twoWordMonth(text, words, i);
        int month = twoWord > 0 ? twoWord : month(text, word, i);
        if (month > 0) {
          int day = day(text, i - 1);
          int after = i + (twoWord > 0 ? 2 : 1);
          if (day == 0 && after < n) {
            day = day(text, after);
          }
          if (day != 0) {
            String date = date(month, day);
            out.add(date);
            if (text.sentence(text.sentenceOf(i)).lede()) {
              out.add(TaxonomyTagger.LEDE + date);
            }
          }
          continue;
        }
      }
      String term = text.token(i).term();
      double written = number(term);
      if (written < 0) {
        continue;
      }
      // "1.5 million" is 1,500,000: the decimal is multiplied before it is rounded.
      boolean multiplied = i + 1 < n && text.field(i + 1) == text.field(i) && words[i + 1] != null
          && words[i + 1].multiplier() > 0;
      long value = Math.round(multiplied ? written * words[i + 1].multiplier() : written);
      boolean year = !multiplied && value >= 1900 && value <= 2100 && term.indexOf(',') < 0;
      if (value >= MIN_QUANTITY && !year) {
        out.add("num:" + value);
      }
    }
    return out;
  }

  /** {@code date:MM-DD}. */
  private static String date(int month, int day) {
    return "date:" + (month < 10 ? "0" : "") + month + (day < 10 ? "-0" : "-") + day;
  }

  /** The month of a Levantine two-word name starting at i ("كانون الثاني"), or 0. */
  private static int twoWordMonth(AnalyzedText text, Word[] words, int i) {
    if (text.language() != TextLanguage.AR || i + 1 >= words.length || !words[i].twoWordFirst()) {
      return 0;
    }
    String second = words[i + 1] != null ? words[i + 1].bare() : text.token(i + 1).term();
    Integer two = TWO_WORD_MONTHS.get(words[i].bare() + " " + second);
    return two == null ? 0 : two;
  }

  /** The month the word names at position i, or 0. */
  private static int month(AnalyzedText text, Word word, int i) {
    if (word.bare().equals("may") && text.language() == TextLanguage.EN) {
      // "may" is a verb far more often than a month: only next to a day number.
      boolean dayNear = (i > 0 && day(text, i - 1) != 0) || (i + 1 < text.size() && day(text, i + 1) != 0);
      return dayNear ? 5 : 0;
    }
    return word.month();
  }

  /** A day of the month at position i (one or two digits, 1 to 31), or 0. */
  private static int day(AnalyzedText text, int i) {
    if (i < 0 || i >= text.size()) {
      return 0;
    }
    String term = text.token(i).term();
    if (term.length() > 2 || term.isEmpty()) {
      return 0;
    }
    int d = 0;
    for (int k = 0; k < term.length(); k++) {
      char c = term.charAt(k);
      if (!Character.isDigit(c)) {
        return 0;
      }
      d = d * 10 + Character.digit(c, 10);
    }
    return d >= 1 && d <= 31 ? d : 0;
  }

  /**
   * The quantity a token starting with a digit writes, with thousands separators (ASCII or Arabic) and
   * a decimal point ("1.5" of "1.5 million"), or -1. Digits and separators only, up to 12 digits, are
   * read here; anything else goes to {@link #parsed}.
   */
  private static double number(String term) {
    if (term.isEmpty() || !Character.isDigit(term.charAt(0))) {
      return -1;
    }
    long value = 0;
    int digits = 0;
    for (int k = 0; k < term.length(); k++) {
      char c = term.charAt(k);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 12) {
          return -1;
        }
      } else if (c != ',' && c != '٬') {
        return parsed(term);
      }
    }
    return value;
  }

  /** {@link #number} for a token with a decimal point or other characters: Java's own parsers decide. */
  private static double parsed(String term) {
    String digits = term.replace(",", "").replace("٬", "");
    try {
      if (digits.indexOf('.') >= 0) {
        double v = Double.parseDouble(digits);
        return Double.isFinite(v) ? v : -1;
      }
      return digits.length() > 12 ? -1 : Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The table of {@link Word}s: for Arabic every form with an article too, stripped to the word. */
  private static Map<String, Word> words(boolean arabic) {
    Set<String> terms = new TreeSet<>(MONTHS.keySet());
    terms.addAll(MULTIPLIERS.keySet());
    terms.addAll(TWO_WORD_FIRSTS);
    if (arabic) {
      terms.addAll(PREFIXED.keySet());
    }
    Map<String, Word> out = new java.util.HashMap<>();
    for (String term : terms) {
      String bare = arabic ? PREFIXED.getOrDefault(term, term) : term;
      int month = MONTHS.getOrDefault(bare, 0);
      long multiplier = MULTIPLIERS.getOrDefault(bare, 0L);
      boolean first = TWO_WORD_FIRSTS.contains(bare);
      if (month > 0 || multiplier > 0 || first || !bare.equals(term)) {
        out.put(term, new Word(bare, month, multiplier, first));
      }
    }
    // A HashMap, not Map.copyOf: this is looked up once per token and almost every token is absent.
    // HashMap compares the (interned token's cached) hash before the characters; Map.copyOf's table
    // calls equals on every entry its probe meets, which was 5 % of the tag-ahead worker's CPU.
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * Every prefixed form of a word the facts know, to the word: one lookup per token
   * instead of a prefix test and a substring per prefix. Built in prefix order, so a form two
   * prefixes could make goes to the longer prefix, as testing them longest first would.
   */
  private static Map<String, String> prefixedForms() {
    Set<String> words = new TreeSet<>(MONTHS.keySet());
    words.addAll(MULTIPLIERS.keySet());
    words.add("الثاني");
    words.add("الاول");
    Map<String, String> forms = new java.util.HashMap<>();
    for (String p : ARTICLE_PREFIXES) {
      for (String w : words) {
        if (w.length() >= 2) {
          forms.putIfAbsent(p + w, w);
        }
      }
    }
    return Map.copyOf(forms);
  }
}
