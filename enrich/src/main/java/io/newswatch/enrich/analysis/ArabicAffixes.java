package io.newswatch.enrich.analysis;

/**
 * The forms an Arabic word (after orthographic normalization) can stand for once its clitics are
 * taken off: proclitics و ف ب ل ك س and the article ال in front, possessive pronouns and the alef of
 * tanween at the end.
 *
 * <p>It does not stem: it only proposes candidate stems, and a caller keeps the candidates that are
 * words it knows (a taxonomy's lexicon). "قواتها" offers قوات, "والقوات" offers قوات, "جندياً" offers
 * جندي, "قيادتها" offers قياده (the taa marbuta restored), and "قوية" never offers قوات; so two words
 * are only ever equal when one is the other with clitics attached, never by a shared root or light
 * stem. Candidates are reported as ranges of the input, without allocation.
 */
public final class ArabicAffixes {

  /** Receives one candidate stem: {@code word[from, to)}, with its last letter read as ه when asked. */
  @FunctionalInterface
  public interface Candidate {
    void accept(String word, int from, int to, boolean lastIsTaaMarbuta);
  }

  /** A stem shorter than this is never proposed: one letter is no word, and two-letter stems collide. */
  public static final int MIN_STEM = 2;

  // Longest first is not needed: every prefix that applies is tried.
  private static final String[] PREFIXES = {
    "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب", "ول", "وك",
    "فب", "فل", "فك", "وبال", "فبال", "وكال", "س", "وس", "فس"
  };
  private static final String PROCLITIC_LETTERS = "وفبلكاس";
  private static final String[] SUFFIXES = {
    "", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ا"
  };

  private ArabicAffixes() {}

  /** Calls {@code out} for the word itself and every stem it can have without its clitics. */
  public static void forEachStem(String word, Candidate out) {
    int n = word.length();
    if (n < MIN_STEM) {
      out.accept(word, 0, n, false); // a digit or a letter on its own is only itself
      return;
    }
    boolean clitic = n > 0 && PROCLITIC_LETTERS.indexOf(word.charAt(0)) >= 0;
    for (String prefix : PREFIXES) {
      if (!clitic && !prefix.isEmpty()) {
        break; // every prefix but the empty one starts with a proclitic letter
      }
      int from = prefix.length();
      if (!word.startsWith(prefix) || n - from < MIN_STEM) {
        continue;
      }
      if (isFuture(prefix) && !isImperfectPrefix(word.charAt(from))) {
        continue; // س marks the future only on a verb: سيرسل, ستنشر
      }
      for (String suffix : SUFFIXES) {
        int to = n - suffix.length();
        if (!word.endsWith(suffix) || to - from < MIN_STEM) {
          continue;
        }
        if (suffix.equals("ا") && to - from < 3) {
          continue; // a short word ending in alef is no tanween: "ما", "لا"
        }
        out.accept(word, from, to, false);
        // A possessive after taa marbuta turns it into ت: قيادتها is قيادة + ها.
        if (!suffix.isEmpty() && !suffix.equals("ا") && word.charAt(to - 1) == 'ت') {
          out.accept(word, from, to, true);
        }
      }
    }
  }

  /**
   * The canonical form of a lexicon word: normalized, without the article ال when a stem of at
   * least {@link #MIN_STEM} letters remains (rule authors write "القوات" or "قوات" alike).
   */
  public static String canonical(String normalizedWord) {
    if (normalizedWord.startsWith("ال") && normalizedWord.length() - 2 >= MIN_STEM) {
      return normalizedWord.substring(2);
    }
    return normalizedWord;
  }

  private static boolean isFuture(String prefix) {
    return prefix.endsWith("س");
  }

  private static boolean isImperfectPrefix(char c) {
    return c == 'ي' || c == 'ت' || c == 'ن' || c == 'ا';
  }
}
