package io.newswatch.ingest.normalize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes page debris from plain text by the shape of its lines, not by known strings.
 *
 * <p>Navigation, share buttons, footers and bylines rarely read like prose: they are short, lack
 * sentence punctuation, are made of links or e-mail addresses, repeat, or sit at the very start or
 * end of the text. Real paragraphs are long and end a sentence. The rules, in order:
 *
 * <ol>
 *   <li>a paragraph repeated verbatim (a duplicated photo caption) is kept once;
 *   <li>a short line that occurs more than once (a menu printed twice) is dropped everywhere;
 *   <li>lines made of links, e-mail addresses, domains or breadcrumb separators are dropped;
 *   <li>from the start, lines of at most two words are dropped;
 *   <li>from the end, lines that are short or do not end a sentence are dropped (footer, credits,
 *       "back to top", share labels), except the text's very last line when it is prose that follows
 *       a finished sentence: stored pages are often cut mid-sentence;
 *   <li>single-word lines without punctuation are dropped anywhere;
 *   <li>a digest tail is cut: in the second half of the text, a short heading ending in a colon followed
 *       by a run of dash or bullet items ("In other developments:" and a list of unrelated briefs) and
 *       everything after it. Agencies append such round-ups to unrelated stories.
 * </ol>
 *
 * <p>Output is the remaining lines, whitespace collapsed, as paragraphs separated by a blank line.
 */
final class ReferenceTextCleaner {

  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u200B\\uFEFF]+");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
  private static final Pattern URL_TOKEN = Pattern.compile(
      "(?i)^[\\p{Ps}\\p{Pi}\"']*(https?://\\S+|www\\.\\S+|\\S*@\\S*|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(/\\S*)?)[\\p{Pe}\\p{Pf}\"'.,;:]*$");
  private static final Pattern BREADCRUMB = Pattern.compile("[>|»›/·•]");
  private static final Pattern LIST_ITEM = Pattern.compile("[-\\u2013\\u2014\\u2022*\\u25AA\\u25CF]\\s");
  private static final int DIGEST_HEADING_WORDS = 5;
  private static final int MIN_DIGEST_ITEMS = 2;
  private static final int SHORT_WORDS = 4;
  private static final int LEADING_DEBRIS_WORDS = 2;
  private static final int TRAILING_DEBRIS_WORDS = 3;
  /** Footer lines without sentence punctuation (disclaimers, bylines, dates) are shorter than this. */
  private static final int TRAILING_UNPUNCTUATED_CHARS = 160;
  /** An unpunctuated last line of this many words is a sentence the page cut off, not a footer. */
  private static final int TRAILING_PROSE_WORDS = 12;

  /** A text that still has a line of this many words was prose; cut off without a final stop, it is partial. */
  private static final int PROSE_LINE_WORDS = 8;
  /** A text of at most this many words that loses every line is too short, rather than debris. */
  private static final int SHORT_TEXT_WORDS = 12;

  /** {@code text} as paragraphs with whitespace collapsed and control characters removed, nothing dropped. */
  public String plain(String text) {
    return String.join("\n\n", splitLines(text));
  }

  /**
   * Why {@link #clean} leaves nothing of {@code text}, in words an operator can act on: the input is
   * empty, it is only headlines (a ticker or a list of links), it stops mid-sentence (a partial file,
   * read while still being written or cut off), it is too short to be an article, or every line is page
   * debris.
   */
  public String whyNothingLeft(String text) {
    List<String> lines = splitLines(text);
    if (lines.isEmpty()) {
      return "no text: the input is empty or only whitespace";
    }
    int words = lines.stream().mapToInt(ReferenceTextCleaner::words).sum();
    int chars = lines.stream().mapToInt(String::length).sum();
    if (TextCleaner.onlyHeadlines(lines)) {
      return "only headlines: " + lines.size() + " lines and not one sentence among them (a ticker, a list of"
          + " links or a menu, with no article text)";
    }
    boolean prose = lines.stream().anyMatch(l -> words(l) >= PROSE_LINE_WORDS);
    if (prose && !endsSentence(lines.getLast())) {
      return "partial text: " + chars + " characters that stop mid-sentence (a file read while still being written,"
          + " or cut off)";
    }
    if (words <= SHORT_TEXT_WORDS) {
      return "text too short to be an article: " + words + " words (a headline or a one-line summary)";
    }
    return "no article text left after removing page debris: all " + lines.size()
        + " lines read as menus, links, captions or bylines";
  }

  /** Cleans {@code text}; returns an empty string when nothing reads like prose. */
  public String clean(String text) {
    List<String> lines = splitLines(text);
    // The last line with more than a button's few words: where a cut-off page stops.
    String lastLine = lines.reversed().stream().filter(l -> words(l) > TRAILING_DEBRIS_WORDS).findFirst().orElse(null);
    // Before repeats go: a page prints its "read also" label once per pointer, and rule 2 would leave
    // the headlines without it.
    lines = TextCleaner.cutStoryPointers(lines);
    lines = dropRepeats(lines);
    lines = new ArrayList<>(lines.stream().filter(l -> !isLinkLike(l) && !isBreadcrumb(l)).toList());
    List<String> content = List.copyOf(lines);
    if (content.stream().noneMatch(TextCleaner::endsSentence)) {
      List<String> post = TextCleaner.postLines(content, null);
      if (!post.isEmpty()) {
        return String.join("\n\n", post);
      }
    }
    while (!lines.isEmpty() && words(lines.getFirst()) <= LEADING_DEBRIS_WORDS) {
      lines.removeFirst();
    }
    while (!lines.isEmpty() && isTrailingDebris(lines, lastLine)) {
      lines.removeLast();
    }
    lines = TextCleaner.cutRelatedLinks(lines);
    lines.removeIf(l -> words(l) <= 1 && !endsSentence(l));
    lines = cutDigestTail(lines);
    while (!lines.isEmpty() && isTrailingDebris(lines, lastLine)) {
      lines.removeLast();
    }
    if (lines.isEmpty()) {
      lines = TextCleaner.postLines(content, null);
    }
    return String.join("\n\n", lines);
  }

  private static List<String> cutDigestTail(List<String> lines) {
    for (int i = lines.size() / 2; i < lines.size() - MIN_DIGEST_ITEMS; i++) {
      String line = lines.get(i);
      if (line.endsWith(":") && words(line) <= DIGEST_HEADING_WORDS
          && lines.subList(i + 1, i + 1 + MIN_DIGEST_ITEMS).stream().allMatch(ReferenceTextCleaner::isListItem)) {
        return new ArrayList<>(lines.subList(0, i));
      }
    }
    return lines;
  }

  private static boolean isListItem(String line) {
    return LIST_ITEM.matcher(line).lookingAt();
  }

  /** Lines with whitespace collapsed and control characters removed; blank lines dropped. */
  static List<String> splitLines(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String raw : text.split("\\R")) {
      String line = WHITESPACE.matcher(CONTROL.matcher(raw).replaceAll("")).replaceAll(" ").strip();
      if (!line.isEmpty()) {
        out.add(line);
      }
    }
    return out;
  }

  private static List<String> dropRepeats(List<String> lines) {
    Map<String, Integer> counts = new HashMap<>();
    for (String line : lines) {
      counts.merge(key(line), 1, Integer::sum);
    }
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String key = key(line);
      if (key.isEmpty() || !seen.add(key)) {
        continue;
      }
      if (counts.get(key) > 1 && words(line) <= SHORT_WORDS) {
        continue;
      }
      out.add(line);
    }
    return out;
  }

  /** Letters and digits only, lower-cased: two lines with the same key say the same thing. */
  static String key(String line) {
    StringBuilder sb = new StringBuilder(line.length());
    line.codePoints()
        .filter(Character::isLetterOrDigit)
        .forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /** Words that carry a letter or digit; punctuation-only tokens do not count. */
  static int words(String line) {
    int n = 0;
    for (String token : line.split(" ")) {
      if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
        n++;
      }
    }
    return n;
  }

  private static boolean isLinkLike(String line) {
    int total = 0;
    int links = 0;
    for (String token : line.split(" ")) {
      if (token.codePoints().noneMatch(Character::isLetterOrDigit)) {
        continue;
      }
      total++;
      if (URL_TOKEN.matcher(token).matches()) {
        links++;
      }
    }
    // "Source: example.com" is a credit line; a sentence that cites one URL is not.
    return links > 0 && total - links <= 1;
  }

  private static boolean isBreadcrumb(String line) {
    return !endsSentence(line) && BREADCRUMB.matcher(line).results().count() >= 2 && words(line) <= 8;
  }

  private static boolean isTrailingDebris(List<String> lines, String lastLine) {
    String line = lines.getLast();
    if (words(line) <= TRAILING_DEBRIS_WORDS) {
      return true;
    }
    return !endsSentence(line) && line.length() < TRAILING_UNPUNCTUATED_CHARS && !cutOffSentence(lines, lastLine);
  }

  /**
   * A stored page is often cut mid-sentence: its last line (past share buttons) is then prose without a full stop,
   * right after a line that ends a sentence. A footer without a full stop is followed by more debris
   * or is short; a file that is nothing but one unfinished line is a partial file, not a cut page.
   */
  private static boolean cutOffSentence(List<String> lines, String lastLine) {
    String line = lines.getLast();
    return line == lastLine && words(line) >= TRAILING_PROSE_WORDS && lines.size() >= 2
        && endsSentence(lines.get(lines.size() - 2));
  }

  /** Whether the line ends a sentence, looking past closing quotes and brackets. */
  public static boolean endsSentence(String line) {
    int i = line.length() - 1;
    while (i >= 0) {
      char c = line.charAt(i);
      int type = Character.getType(c);
      boolean closing = type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
          || type == Character.INITIAL_QUOTE_PUNCTUATION || c == '"' || c == '\'' || Character.isWhitespace(c);
      if (!closing) {
        break;
      }
      i--;
    }
    if (i < 0) {
      return false;
    }
    char last = line.charAt(i);
    return last == '.' || last == '!' || last == '?' || last == '\u061F' || last == '\u2026'
        || last == '\u06D4' || last == '\u3002';
  }
}
