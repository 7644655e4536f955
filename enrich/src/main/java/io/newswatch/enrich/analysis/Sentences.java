package io.newswatch.enrich.analysis;

import java.util.Arrays;
import java.util.Set;

/**
 * Sentence boundaries of a text, as character offsets where each sentence starts.
 *
 * <p>A sentence ends at a line break, or at {@code . ! ? ؟ …} followed by space and something that
 * can start a sentence (not a lower-case Latin letter, and not after an initial or a common
 * abbreviation such as "Gen." or "Sept."). Pages glue sentences together ("rounds.The", Arabic
 * "منها.ونشر"): a full stop between a lower-case and an upper-case Latin letter, or between two
 * Arabic letters, ends a sentence too, and {@link #unglued} turns it into a space for the tokenizer
 * (same length, so offsets stay those of the original text). Pages and feeds also glue list items
 * and paragraphs into one line: a bullet ({@code • ▪ ●}) starts a sentence, and an HTML break or block
 * tag left in the text ({@code <br>}, {@code <p>}, {@code </li>} ...) ends one, so that one item's
 * words do not count in another's sentence.
 */
public final class Sentences {

  private static final Set<String> ABBREVIATIONS = Set.of(
      "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "adm", "capt", "cpl", "pvt", "sen", "rep", "gov",
      "st", "jr", "sr", "no", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
      "nov", "dec", "u.s", "u.n", "u.k", "inc", "corp", "co", "ltd", "vs", "etc", "approx", "est", "maj", "brig",
      "prof", "rev", "ft", "mt", "pres");

  private Sentences() {}

  /** The start offsets of the sentences of {@code text}; the first is always 0. */
  public static int[] starts(CharSequence text) {
    int n = text.length();
    int[] out = new int[16];
    int count = 0;
    out[count++] = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      int next = -1;
      if (c == '\n' || c == '\r' || c == '\u2029' || c == '\u2028') {
        next = i + 1;
      } else if (isBullet(c)) {
        next = i;
      } else if (c == '<') {
        int end = blockTagEnd(text, i);
        if (end < 0) {
          continue;
        }
        next = end;
      } else if (c == '.' && isGlued(text, i)) {
        next = i + 1;
      } else if (isTerminal(c)) {
        int j = i + 1;
        while (j < n && isCloser(text.charAt(j))) {
          j++;
        }
        if (j >= n) {
          continue;
        }
        if (!Character.isWhitespace(text.charAt(j))) {
          continue;
        }
        while (j < n && Character.isWhitespace(text.charAt(j))) {
          j++;
        }
        if (j < n && isLowerLatin(text.charAt(j))) {
          continue;
        }
        if (c == '.' && abbreviationBefore(text, i)) {
          continue;
        }
        next = j;
      }
      if (next > 0 && next < n && next > out[count - 1]) {
        if (count == out.length) {
          out = Arrays.copyOf(out, count * 2);
        }
        out[count++] = next;
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** The text with glued full stops ("rounds.The") replaced by spaces; same length as the input. */
  public static String unglued(String text) {
    char[] chars = null;
    for (int i = 1; i < text.length() - 1; i++) {
      if (text.charAt(i) == '.' && isGlued(text, i)) {
        if (chars == null) {
          chars = text.toCharArray();
        }
        chars[i] = ' ';
      }
    }
    return chars == null ? text : new String(chars);
  }

  /** A full stop with a word on both sides that two sentences share: "word.Next" or Arabic "كلمة.كلمة". */
  static boolean isGlued(CharSequence text, int dot) {
    if (dot < 2 || dot + 1 >= text.length()) {
      return false;
    }
    char before = text.charAt(dot - 1);
    char before2 = text.charAt(dot - 2);
    char after = text.charAt(dot + 1);
    if (isArabicLetter(before) && isArabicLetter(after)) {
      return true;
    }
    // "rounds.The" but not "U.S." or "p.m.": two lower-case letters before, an upper-case and a
    // lower-case letter after.
    return isLowerLatin(before) && isLowerLatin(before2) && after >= 'A' && after <= 'Z'
        && dot + 2 < text.length() && isLowerLatin(text.charAt(dot + 2));
  }

  private static boolean abbreviationBefore(CharSequence text, int dot) {
    int start = dot;
    while (start > 0 && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
      start--;
    }
    int len = dot - start;
    if (len == 0) {
      return false;
    }
    if (len == 1 && Character.isUpperCase(text.charAt(start))) {
      return true; // an initial: "Lloyd J. Austin"
    }
    return ABBREVIATIONS.contains(text.subSequence(start, dot).toString().toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean isBullet(char c) {
    return c == '\u2022' || c == '\u25AA' || c == '\u25CF' || c == '\u25A0' || c == '\u25E6';
  }

  private static final Set<String> BLOCK_TAGS = Set.of("br", "p", "li", "div", "ul", "ol", "h1", "h2", "h3", "h4", "tr");

  /** The offset after an HTML break or block tag ({@code <br>}, {@code <br/>}, {@code </p>}) at {@code lt}, or -1. */
  static int blockTagEnd(CharSequence text, int lt) {
    int n = text.length();
    int i = lt + 1;
    if (i < n && text.charAt(i) == '/') {
      i++;
    }
    int nameStart = i;
    while (i < n && i - nameStart < 3 && Character.isLetterOrDigit(text.charAt(i))) {
      i++;
    }
    String name = text.subSequence(nameStart, i).toString().toLowerCase(java.util.Locale.ROOT);
    if (!BLOCK_TAGS.contains(name)) {
      return -1;
    }
    // Attributes or a self-closing slash may follow, but not another letter of a longer name.
    if (i < n && Character.isLetterOrDigit(text.charAt(i))) {
      return -1;
    }
    int limit = Math.min(n, lt + 200);
    while (i < limit && text.charAt(i) != '>' && text.charAt(i) != '<' && text.charAt(i) != '\n') {
      i++;
    }
    return i < limit && text.charAt(i) == '>' ? i + 1 : -1;
  }

  private static boolean isTerminal(char c) {
    return c == '.' || c == '!' || c == '?' || c == '\u061F' || c == '\u2026' || c == '\u06D4';
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019' || c == '\u00BB'
        || c == '\u201C';
  }

  private static boolean isLowerLatin(char c) {
    return c >= 'a' && c <= 'z';
  }

  static boolean isArabicLetter(char c) {
    return c >= '\u0621' && c <= '\u064A';
  }
}
