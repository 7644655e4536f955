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

  private StoryFacts() {}

  /** The facts of the article as keys: {@code num:<n>} and {@code date:<MM-DD>} (a lede's date also as {@code lede:date:<MM-DD>}). */
  static Set<String> of(AnalyzedText text) {
    Set<String> out = new TreeSet<>();
    int n = text.size();
    // Each token's term without its article, once: month and multiplier look at a token and its neighbours.
    String[] bare = new String[n];
    for (int i = 0; i < n; i++) {
      bare[i] = stripArticle(text, i);
    }
    for (int i = 0; i < n; i++) {
      String term = text.token(i).term();
      int twoWord = twoWordMonth(text, bare, i);
      Integer month = twoWord > 0 ? Integer.valueOf(twoWord) : month(text, bare, i);
      if (month != null) {
        Integer day = day(text, i - 1);
        int after = i + (twoWord > 0 ? 2 : 1);
        if (day == null && after < n) {
          day = day(text, after);
        }
        if (day != null) {
          String date = String.format(java.util.Locale.ROOT, "date:%02d-%02d", month, day);
          out.add(date);
          if (text.sentence(text.sentenceOf(i)).lede()) {
            out.add(TaxonomyTagger.LEDE + date);
          }
        }
        continue;
      }
      Long value = number(term);
      if (value == null) {
        continue;
      }
      boolean multiplied = false;
      if (i + 1 < n && text.field(i + 1) == text.field(i)) {
        Long m = MULTIPLIERS.get(bare[i + 1]);
        if (m != null) {
          value *= m;
          multiplied = true;
        }
      }
      boolean year = !multiplied && value >= 1900 && value <= 2100 && !term.contains(",");
      if (value >= MIN_QUANTITY && !year) {
        out.add("num:" + value);
      }
    }
    return out;
  }

  /** The month of a Levantine two-word name starting at i ("كانون الثاني"), or 0. */
  private static int twoWordMonth(AnalyzedText text, String[] bare, int i) {
    if (text.language() != TextLanguage.AR || i + 1 >= bare.length || !TWO_WORD_FIRSTS.contains(bare[i])) {
      return 0;
    }
    Integer two = TWO_WORD_MONTHS.get(bare[i] + " " + bare[i + 1]);
    return two == null ? 0 : two;
  }

  private static Integer month(AnalyzedText text, String[] bare, int i) {
    String term = bare[i];
    if (term.equals("may") && text.language() == TextLanguage.EN) {
      // "may" is a verb far more often than a month: only next to a day number.
      boolean dayNear = (i > 0 && day(text, i - 1) != null) || (i + 1 < text.size() && day(text, i + 1) != null);
      return dayNear ? 5 : null;
    }
    return MONTHS.get(term);
  }

  /** A day of the month at position i, or null. */
  private static Integer day(AnalyzedText text, int i) {
    if (i < 0 || i >= text.size()) {
      return null;
    }
    String term = text.token(i).term();
    if (term.length() > 2 || term.isEmpty() || !term.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int d = Integer.parseInt(term);
    return d >= 1 && d <= 31 ? d : null;
  }

  private static Long number(String term) {
    if (term.isEmpty() || !Character.isDigit(term.charAt(0))) {
      return null;
    }
    String digits = term.replace(",", "").replace("٬", "");
    int dot = digits.indexOf('.');
    try {
      if (dot >= 0) {
        double v = Double.parseDouble(digits);
        return v >= 1 ? Math.round(v) : null;
      }
      return digits.length() > 12 ? null : Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The token's term without the article: "الاف" for "آلاف", "حزيران" for "وحزيران". */
  private static String stripArticle(AnalyzedText text, int i) {
    String t = text.token(i).term();
    if (text.language() != TextLanguage.AR) {
      return t;
    }
    return PREFIXED.getOrDefault(t, t);
  }

  /**
   * Every prefixed form of a word {@link #stripArticle} knows, to the word: one lookup per token
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
