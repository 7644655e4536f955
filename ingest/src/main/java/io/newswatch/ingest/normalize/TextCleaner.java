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
 *       everything after it. Agencies append such round-ups to unrelated stories;
 *   <li>a related-links block is cut (before rule 6, whose single words include its heading): a run of
 *       two or more list items (dash, bullet or number) that starts in the second half of the text, whose
 *       items all read as headlines (short, no sentence punctuation, not a dated entry), under a short
 *       heading that is no sentence and no colon line ("Related", "اقرأ أيضا", "الأكثر قراءة"), is cut
 *       with its heading. Portals and aggregators print such lists under every story, and their
 *       headlines name other stories' topics. A run is judged whole: one under no heading, under a line
 *       ending in a colon, or starting in the first half is the article's own, and stays whole;
 *   <li>a pointer to another story is cut wherever it stands, first of all (rule 2 would take a
 *       label printed once per pointer and leave its headlines): a line whose label reads "read also",
 *       "related", "see also", "اقرأ أيضا", "ذات صلة" and the like, followed on the same line by a
 *       separator and a headline ("Read also: Putin arrives in Pyongyang", "اقرأ أيضاً | ..."), or
 *       standing alone over one or two lines that read as another story's headline (no full stop or
 *       colon, a headline's length, a question only first) or over a counted list ("list of 4 items"
 *       ... "end of list"), which go with it; never the page's first line, and a label over list items
 *       is left to rules 7 and 8. Portals put these between paragraphs, and their headlines name other
 *       stories' topics. This is the one rule that knows words rather than shapes: a label is what says
 *       that the line after it belongs to another page, and the labels are few and fixed;
 *   <li>a post is kept when no line of it ends a sentence, or when the rules above leave nothing of
 *       it: a text marked by a hashtag (in a statement or a line of hashtags, not a "Trending: #A #B"
 *       bar), or by an emoji pictograph with a line of fifteen words or more (longer than a headline),
 *       in its lines or its headline, with at least two lines of six words or more; all its lines but
 *       those of one or two words without a hashtag and, at its end, footer lines of up to four words
 *       (after rules 1 to 3 and 9). Telegram channels, X threads and news pages' social posts write one
 *       statement per line without a full stop, which rules 4 and 5 read as a page's furniture; a list
 *       of headlines or a menu is still refused, also under a "🔴 LIVE" badge or with ☰ and ✉ in its
 *       bars.
 * </ol>
 *
 * <p>Output is the remaining lines, whitespace collapsed, as paragraphs separated by a blank line.
 */
public final class TextCleaner {

  private static final Pattern URL_TOKEN = Pattern.compile(
      "(?i)^[\\p{Ps}\\p{Pi}\"']*(https?://\\S+|www\\.\\S+|\\S*@\\S*|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(/\\S*)?)[\\p{Pe}\\p{Pf}\"'.,;:]*$");
  /** Breadcrumb separators; a line with two of them and few words is a trail like "Home > World > Asia". */
  private static final String BREADCRUMB_SEPARATORS = ">|»›/·•";
  /** The marks a list item starts with: dashes, bullets, an asterisk. */
  private static final String LIST_MARKS = "-\u2013\u2014\u2022*\u25AA\u25CF";
  private static final Pattern LIST_ITEM = Pattern.compile("[" + LIST_MARKS + "]\\s");
  private static final int DIGEST_HEADING_WORDS = 5;
  /** A numbered item: "1- ", "2. ", "٣) ". */
  private static final Pattern NUMBERED_ITEM = Pattern.compile("[0-9\\u0660-\\u0669]{1,2}\\s?[-.)\\u2013]\\s");
  /** A related link is a headline: at most this many words. */
  private static final int LINK_ITEM_WORDS = 20;
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
  /** A text of at least this many lines, each a headline's length and none a sentence, is a list of headlines. */
  private static final int HEADLINE_LIST_LINES = 3;
  private static final int HEADLINE_WORDS = 25;
  /** A post's statement: a line of at least this many words; a post has at least two. */
  private static final int POST_STATEMENT_WORDS = 6;
  private static final int MIN_POST_STATEMENTS = 2;
  /** A line of at most this many words at a post's end, without a hashtag or a full stop, is a footer. */
  private static final int FOOTER_WORDS = 4;
  /** A post marked by an emoji alone also says one thing at more than a headline's length. */
  private static final int POST_PROSE_WORDS = 15;

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
    int words = lines.stream().mapToInt(TextCleaner::words).sum();
    int chars = lines.stream().mapToInt(String::length).sum();
    if (onlyHeadlines(lines)) {
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
    return clean(text, null);
  }

  /**
   * Cleans the body of an article whose headline {@code title} was split off already (or null): a
   * post's marks may stand in its first line only (rule 10).
   */
  public String clean(String text, String title) {
    List<String> lines = splitLines(text);
    // The last line with more than a button's few words: where a cut-off page stops.
    String lastLine = lines.reversed().stream().filter(l -> words(l) > TRAILING_DEBRIS_WORDS).findFirst().orElse(null);
    // Before repeats go: a page prints its "read also" label once per pointer, and rule 2 would leave
    // the headlines without it.
    lines = cutStoryPointers(lines);
    lines = dropRepeats(lines);
    lines = new ArrayList<>(lines.stream().filter(l -> !isLinkLike(l) && !isBreadcrumb(l)).toList());
    List<String> content = List.copyOf(lines);
    if (content.stream().noneMatch(TextCleaner::endsSentence)) {
      // Without a single full stop, rules 4 and 5 cannot tell a post's statements from furniture.
      List<String> post = postLines(content, title);
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
    // Before single words go: a related-links block is known by its heading ("Related", "اقرأ أيضا").
    lines = cutRelatedLinks(lines);
    lines.removeIf(l -> words(l) <= 1 && !endsSentence(l));
    lines = cutDigestTail(lines);
    while (!lines.isEmpty() && isTrailingDebris(lines, lastLine)) {
      lines.removeLast();
    }
    if (lines.isEmpty()) {
      lines = postLines(content, title);
    }
    return String.join("\n\n", lines);
  }

  /**
   * Rule 10, shared with the reference implementation as rules 8 and 9 are: when no line ends a
   * sentence, or the rules above leave nothing, a text that marks itself as a post is one written a
   * statement per line without a full stop (a Telegram channel's alert, an X thread, a news page's
   * Facebook post), not a page's furniture. The marks: a hashtag; or an emoji pictograph (not the
   * interface glyphs of web pages, ☰ ✕ ✉ ★, which are symbols of the older blocks) with a line longer
   * than any headline, since a section page's "🔴 LIVE" badge sits over a list of headlines. A post
   * also has two statements of six words. A hashtag counts in a statement or in a line of hashtags, not
   * in a site's "Trending: #A #B" bar. Its lines are kept but those of one or two words without a
   * hashtag (menu words, "1/5") and, at its end, lines of up to four words (a page's footer links).
   * {@code content} is the text after rules 1 to 3 and 9, {@code title} its headline when split off
   * before (or null); an empty list when it is no post.
   */
  static List<String> postLines(List<String> content, String title) {
    List<String> all = new ArrayList<>(content);
    if (title != null && !title.isBlank()) {
      all.add(title);
    }
    // A post's hashtag stands in a statement or in a line of hashtags; a site's "Trending: #A #B" bar
    // over a list of headlines is neither.
    boolean hashtag = all.stream().anyMatch(l -> hasHashtag(l) && (onlyHashtags(l) || words(l) >= POST_STATEMENT_WORDS));
    boolean emoji = all.stream().anyMatch(TextCleaner::hasPictograph);
    long statements = content.stream().filter(l -> words(l) >= POST_STATEMENT_WORDS).count();
    boolean prose = content.stream().anyMatch(l -> words(l) >= POST_PROSE_WORDS);
    if (statements < MIN_POST_STATEMENTS || !(hashtag || (emoji && prose))) {
      return new ArrayList<>();
    }
    // Hashtag lines stay: they are the post's own keywords, and the mark a second reading (the body,
    // once the headline is split off) needs to know the text for a post again.
    List<String> post = new ArrayList<>(content.stream()
        .filter(l -> hasHashtag(l) || words(l) > LEADING_DEBRIS_WORDS || endsSentence(l)).toList());
    // A page's footer lines at the end ("Log in to comment", "Privacy policy and terms") go, as rule 5
    // takes them from a page; a post's own last lines are statements or its hashtags.
    while (!post.isEmpty() && words(post.getLast()) <= FOOTER_WORDS && !hasHashtag(post.getLast())
        && !endsSentence(post.getLast())) {
      post.removeLast();
    }
    return post;
  }

  private static boolean onlyHashtags(String line) {
    for (String token : line.split(" ")) {
      if (!token.isEmpty() && token.charAt(0) != '#') {
        return false;
      }
    }
    return true;
  }

  /** A pictograph of the emoji blocks (U+1F300 to U+1FAFF) or a flag's regional indicator. */
  private static boolean hasPictograph(String line) {
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      if ((cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x1F1E6 && cp <= 0x1F1FF)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /** A hashtag: '#' at a word's start followed by a letter. */
  private static boolean hasHashtag(String line) {
    for (int i = 0; i + 2 < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))
          && Character.isLetter(line.codePointAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> cutDigestTail(List<String> lines) {
    for (int i = lines.size() / 2; i < lines.size() - MIN_DIGEST_ITEMS; i++) {
      String line = lines.get(i);
      if (line.endsWith(":") && words(line) <= DIGEST_HEADING_WORDS
          && lines.subList(i + 1, i + 1 + MIN_DIGEST_ITEMS).stream().allMatch(TextCleaner::isListItem)) {
        return new ArrayList<>(lines.subList(0, i));
      }
    }
    return lines;
  }

  /**
   * A ticker or a list of links: lines of headlines, none a sentence, so nothing was cut off; unless
   * its last line is its longest (a headline, a dateline and a first paragraph cut short). Shared with
   * the reference implementation, as rule 8 is.
   */
  static boolean onlyHeadlines(List<String> lines) {
    return lines.size() >= HEADLINE_LIST_LINES && lines.stream().noneMatch(TextCleaner::endsSentence)
        && lines.stream().allMatch(l -> words(l) <= HEADLINE_WORDS)
        && lines.subList(0, lines.size() - 1).stream().anyMatch(l -> words(l) >= words(lines.getLast()));
  }

  /**
   * Rule 8, shared with the reference implementation the equivalence test holds this class to. Each run
   * of list items is judged whole, by where it starts: a run that starts in the second half, under a
   * short heading, and whose items all read as headlines is cut with its heading; any other run stays
   * whole.
   */
  static List<String> cutRelatedLinks(List<String> lines) {
    int half = lines.size() / 2;
    List<String> out = new ArrayList<>(lines.size());
    int i = 0;
    while (i < lines.size()) {
      int end = i;
      while (end < lines.size() && isLinkItem(lines.get(end))) {
        end++;
      }
      if (end == i) {
        out.add(lines.get(i++));
        continue;
      }
      if (end - i >= MIN_DIGEST_ITEMS && i >= half && !out.isEmpty() && isLinksHeading(out.getLast())) {
        out.removeLast();
      } else {
        out.addAll(lines.subList(i, end));
      }
      i = end;
    }
    return out;
  }

  /**
   * Rule 9, shared with the reference implementation as rule 8 is: a "read also" line with its headline,
   * and a "read also" heading with the one or two headlines under it. The page's first line is never a
   * pointer (a soft-news headline may open with "Don't miss"), and a heading over list items is left to
   * rules 7 and 8, which also cut what follows a related block at a page's end (footers, comments).
   */
  static List<String> cutStoryPointers(List<String> lines) {
    List<String> out = null; // allocated only when a page has a pointer: most have none
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int kind = i == 0 ? NO_POINTER : pointerKind(line);
      if (kind == POINTER_HEADING && (i + 1 == lines.size() || itemStart(lines.get(i + 1)) > 0)) {
        kind = NO_POINTER;
      }
      if (kind == NO_POINTER) {
        if (out != null) {
          out.add(line);
        }
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(lines.subList(0, i));
      }
      if (kind == POINTER_HEADING) {
        i = pastPointedHeadlines(lines, i + 1) - 1;
      }
    }
    return out == null ? lines : out;
  }

  private static final int NO_POINTER = 0;
  private static final int POINTER_LINE = 1;
  private static final int POINTER_HEADING = 2;
  /** A pointer's label is at most this many characters: "You may also be interested in". */
  private static final int POINTER_LABEL_CHARS = 32;
  /** A heading points to at most this many headlines without list marks; more would be the page's own lines. */
  private static final int POINTED_HEADLINES = 2;
  /** A related story's headline has at least this many words; a subheading ("A pattern of crossings") fewer. */
  private static final int POINTED_HEADLINE_MIN_WORDS = 5;
  /**
   * The labels portals print before a link to another story, normalized as {@link #pointerLabel} does
   * (lower case; Arabic without diacritics, tatweel or invisible marks, with alef forms as bare alef).
   * Not "Watch" or "Video": those introduce the page's own footage; not a bare "Read", "Recommended" or
   * "Don't miss": a page's own headings and headlines open with them; "More" only before a separator.
   */
  private static final Set<String> POINTER_LABELS = Set.of(
      "read also", "also read", "read more", "read next", "see also", "also see", "related",
      "related story", "related stories", "related article", "related articles", "related coverage",
      "related news", "related content", "related reading", "more on this story", "more on this topic",
      "recommended stories", "recommended reading", "recommended for you", "you may also like",
      "you might also like", "you may also be interested in", "further reading", "suggested reading",
      "icymi", "in case you missed it",
      "اقرا ايضا", "اقرا ايضا في", "اقرا كذلك", "اقرا المزيد", "طالع ايضا", "شاهد ايضا",
      "ذات صلة", "مواضيع ذات صلة", "اخبار ذات صلة", "مقالات ذات صلة", "مواضيع متعلقة", "موضوعات متعلقة",
      "اخبار متعلقة", "قد يهمك", "قد يهمك ايضا", "يهمك ايضا", "ربما يهمك", "ربما يهمك ايضا",
      "مقالات قد تهمك", "قد يعجبك", "تابع ايضا", "اخترنا لك", "قصص مقترحة", "للمزيد", "اقرا كمان");
  /** Labels that also count before a separator only. */
  private static final Set<String> SEPARATED_POINTER_LABELS = Set.of("more");
  /** Labels that begin a pointer even with no separator after them: "Read also Parliament passes ...". */
  private static final Set<String> OPENING_POINTER_LABELS = Set.of(
      "read also", "also read", "see also", "اقرا ايضا", "اقرا كذلك", "طالع ايضا", "شاهد ايضا");

  /** The letters an opening label can start with, before normalization (أ إ آ are written for ا). */
  private static final String OPENING_LETTERS = "rsaاأإآطش";

  /** Whether {@code line} is a pointer with its headline, a pointer heading, or neither. */
  private static int pointerKind(String line) {
    int from = 0; // past a bullet, an arrow or an emoji before the label
    while (from < line.length() && !Character.isLetter(line.codePointAt(from))) {
      from += Character.charCount(line.codePointAt(from));
    }
    // Most lines are prose: a pointer's label is short, so a line without an early separator is none.
    int end = Math.min(line.length(), from + POINTER_LABEL_CHARS + 1);
    int sep = -1;
    int sepLength = 0;
    for (int i = from; i < end; i++) {
      char c = line.charAt(i);
      if (c == ':' || c == '|' || c == '\u00BB' || c == '\uFF1A' || c == '>' || c == '\u2190' || c == '\u2192') {
        sep = i;
        sepLength = 1;
        break;
      }
      if ((c == '.' && i + 1 < line.length() && line.charAt(i + 1) == '.') || c == '\u2026') {
        sep = i;
        sepLength = c == '.' ? 2 : 1;
        break;
      }
      if ((c == '-' || c == '\u2013' || c == '\u2014' || c == '\u0640') && i > from
          && line.charAt(i - 1) == ' ' && i + 1 < line.length() && line.charAt(i + 1) == ' ') {
        sep = i;
        sepLength = 1;
        break;
      }
    }
    if (sep < 0) {
      if (line.length() - from <= POINTER_LABEL_CHARS && POINTER_LABELS.contains(pointerLabel(line.substring(from)))) {
        return POINTER_HEADING;
      }
      return opensWithPointerLabel(line, from) ? POINTER_LINE : NO_POINTER;
    }
    String label = pointerLabel(line.substring(from, sep));
    if (!POINTER_LABELS.contains(label) && !SEPARATED_POINTER_LABELS.contains(label)) {
      return opensWithPointerLabel(line, from) ? POINTER_LINE : NO_POINTER;
    }
    String rest = line.substring(sep + sepLength).strip();
    while (!rest.isEmpty() && ".:>".indexOf(rest.charAt(0)) >= 0) {
      rest = rest.substring(1).strip();
    }
    if (rest.isEmpty()) {
      return POINTER_HEADING; // "Read more:" over the headlines
    }
    return isPointedHeadline(rest) ? POINTER_LINE : NO_POINTER;
  }

  /** "Read also Parliament passes budget": an unmistakable two-word label and a headline, no separator. */
  private static boolean opensWithPointerLabel(String line, int from) {
    if (from >= line.length() || OPENING_LETTERS.indexOf(Character.toLowerCase(line.charAt(from))) < 0) {
      return false; // most lines: their first letter settles it without a copy of the label
    }
    int space = line.indexOf(' ', from);
    int second = space < 0 ? -1 : line.indexOf(' ', space + 1);
    return second > 0 && second - from <= POINTER_LABEL_CHARS
        && OPENING_POINTER_LABELS.contains(pointerLabel(line.substring(from, second)))
        && isPointedHeadline(line.substring(second + 1).strip());
  }

  /** A label as {@link #POINTER_LABELS} holds it. */
  private static String pointerLabel(String label) {
    StringBuilder b = new StringBuilder(label.length());
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if ((c >= '\u064B' && c <= '\u0652') || c == '\u0640' || Character.getType(c) == Character.FORMAT) {
        continue; // diacritics, tanween (أيضاً), tatweel, direction marks
      }
      b.append(c == '\u0623' || c == '\u0625' || c == '\u0622' ? '\u0627' : c == '\u2019' ? '\'' : c);
    }
    return b.toString().strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Where the headlines under a pointer heading end, from {@code i}: at most {@link #POINTED_HEADLINES}
   * lines that read as another story's headline, and Al Jazeera's "list of 2 items" marks around them.
   */
  private static int pastPointedHeadlines(List<String> lines, int i) {
    var count = LIST_OF_ITEMS.matcher(i < lines.size() ? lines.get(i) : "");
    if (count.matches()) {
      // A list the page counts for screen readers ("list of 4 items" ... "end of list"): all of it.
      int last = Math.min(lines.size(), i + 2 * Integer.parseInt(count.group(1)) + 2);
      for (int j = i + 1; j < last; j++) {
        if (lines.get(j).equalsIgnoreCase("end of list")) {
          return j + 1;
        }
      }
    }
    int taken = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      if (isListCount(line)) {
        i++;
        continue;
      }
      boolean question = line.endsWith("?") || line.endsWith("\u061F");
      if (taken == POINTED_HEADLINES || words(line) < POINTED_HEADLINE_MIN_WORDS || !isPointedHeadline(line)
          || (question && taken > 0)) {
        break; // a question after a headline is an explainer's or an interview's own
      }
      taken++;
      i++;
      if (question) {
        break;
      }
    }
    return i;
  }

  /** Verbs that open an Arabic paragraph after the conjunction و (normalized as labels are); no headline does. */
  private static final Set<String> PARAGRAPH_OPENERS = Set.of(
      "قال", "قالت", "اضاف", "اضافت", "اكد", "اكدت", "اوضح", "اوضحت", "اشار", "اشارت", "كان", "كانت", "تابع",
      "تابعت", "ذكر", "ذكرت", "اعلن", "اعلنت", "ياتي", "تاتي", "جاء", "جاءت", "بحسب", "وفق", "يذكر", "تجدر",
      "فيما", "شدد", "شددت", "لفت", "لفتت", "بين", "بينت");

  private static final Pattern LIST_OF_ITEMS = Pattern.compile("(?i)list of (\\d{1,2}) items");
  private static final Pattern LIST_COUNT = Pattern.compile("(?i)(list (of )?\\d+ (items|of \\d+)|end of list)");

  private static boolean isListCount(String line) {
    return line.length() <= 20 && LIST_COUNT.matcher(line).matches();
  }

  /**
   * Another story's headline: a headline's length, no full stop and no colon at its end (a question may
   * end it), and in Arabic not opened by و and a verb of reporting, which open a paragraph.
   */
  private static boolean isPointedHeadline(String text) {
    int n = words(text);
    if (n == 0 || n > LINK_ITEM_WORDS || text.endsWith(":")) {
      return false;
    }
    int space = text.indexOf(' ');
    if (text.charAt(0) == '\u0648' && space > 2 && PARAGRAPH_OPENERS.contains(pointerLabel(text.substring(1, space)))) {
      return false; // "وقالت الهيئة إن ...": a paragraph without its final stop
    }
    return !endsSentence(text) || text.endsWith("?") || text.endsWith("\u061F");
  }

  /** A list item that reads as a headline: short, unpunctuated, not a dated entry ("- 2015: ..."). */
  private static boolean isLinkItem(String line) {
    int start = itemStart(line);
    return start > 0 && start < line.length() && !Character.isDigit(line.charAt(start)) && !endsSentence(line)
        && !line.endsWith(":") && words(line) <= LINK_ITEM_WORDS;
  }

  /** Where a list item's text starts after its marker, or -1 when the line is no list item. */
  private static int itemStart(String line) {
    // Most lines are prose: their first character settles it without a matcher.
    char first = line.isEmpty() ? ' ' : line.charAt(0);
    if (LIST_MARKS.indexOf(first) < 0 && !Character.isDigit(first)) {
      return -1;
    }
    var bullet = LIST_ITEM.matcher(line);
    if (bullet.lookingAt()) {
      return bullet.end();
    }
    var number = NUMBERED_ITEM.matcher(line);
    return number.lookingAt() ? number.end() : -1;
  }

  private static boolean isLinksHeading(String line) {
    return words(line) <= DIGEST_HEADING_WORDS && !endsSentence(line) && !line.endsWith(":") && itemStart(line) < 0;
  }

  private static boolean isListItem(String line) {
    return LIST_ITEM.matcher(line).lookingAt();
  }

  /**
   * Lines with whitespace collapsed and control characters removed; blank lines dropped. One pass over
   * the characters instead of a regex split and two regex replacements per line: this runs on every
   * article, and the regexes were a third of the normalizer's time.
   */
  static List<String> splitLines(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int n = text.length();
    char[] buffer = null;
    int start = 0;
    while (start <= n) {
      int end = start;
      // Whether the line is already collapsed (no control characters, no run of spaces, no other space).
      boolean verbatim = true;
      boolean previousSpace = false;
      while (end < n) {
        char c = text.charAt(end);
        if (c > ' ' && c < 0x7F || c >= 0xA1 && c < 0x2007) {
          // Letters, digits and punctuation of ASCII, Latin-1, Arabic...: the common case first.
          previousSpace = false;
        } else if (isLineBreak(c)) {
          break;
        } else if (c == ' ') {
          verbatim &= !previousSpace;
          previousSpace = true;
        } else {
          verbatim &= !isCollapsedSpace(c) && !isRemovedControl(c);
          previousSpace = false;
        }
        end++;
      }
      // \r\n is one break in the regex \R; here it makes an extra blank line, and blank lines are dropped.
      if (end > start) {
        String line;
        if (verbatim) {
          line = text.substring(start, end);
        } else {
          if (buffer == null) {
            buffer = new char[n];
          }
          line = collapse(text, start, end, buffer);
        }
        line = line.strip();
        if (!line.isEmpty()) {
          out.add(line);
        }
      }
      start = end + 1;
    }
    return out;
  }

  /** The line with control characters removed and each run of spaces made one space. */
  private static String collapse(String text, int start, int end, char[] buffer) {
    int length = 0;
    boolean inSpace = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (isCollapsedSpace(c)) {
        if (!inSpace) {
          buffer[length++] = ' ';
          inSpace = true;
        }
      } else if (!isRemovedControl(c)) {
        buffer[length++] = c;
        inSpace = false;
      }
    }
    return new String(buffer, 0, length);
  }

  /** Marks a character whose key needs {@link #slowKey}; U+FFFF is a noncharacter, never a letter's lower case. */
  private static final char SLOW_KEY = '\uFFFF';
  private static final char[] KEY_CHARS = keyChars();
  private static final boolean[] LETTER_OR_DIGIT = lettersOrDigits();

  /** The line terminators of the regex {@code \R}. */
  private static boolean isLineBreak(char c) {
    return (c >= '\n' && c <= '\r') || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** {@code [\s\u00A0\u2007\u202F\u200B\uFEFF]}: ASCII whitespace and the no-break and zero-width spaces. */
  private static boolean isCollapsedSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00A0'
        || c == '\u2007' || c == '\u202F' || c == '\u200B' || c == '\uFEFF';
  }

  /** Control characters ({@code \p{Cc}}) other than newline and tab. */
  private static boolean isRemovedControl(char c) {
    return (c < 0x20 || (c >= 0x7F && c <= 0x9F)) && c != '\n' && c != '\t';
  }

  private static List<String> dropRepeats(List<String> lines) {
    String[] keys = new String[lines.size()];
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      keys[i] = key(lines.get(i));
      counts.merge(keys[i], 1, Integer::sum);
    }
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      String line = lines.get(i);
      String key = keys[i];
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
    char[] chars = new char[line.length()];
    int length = 0;
    for (int i = 0; i < line.length(); i++) {
      char k = KEY_CHARS[line.charAt(i)];
      if (k == SLOW_KEY) {
        return slowKey(line);
      }
      if (k != 0) {
        chars[length++] = k;
      }
    }
    return new String(chars, 0, length);
  }

  /** The key by code point and the whole-string lower case, for the few characters the table cannot map. */
  static String slowKey(String line) {
    StringBuilder sb = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        sb.appendCodePoint(Character.toLowerCase(cp));
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Per BMP char: 0 when it is not a letter or digit, else its lower case (as {@link #slowKey} maps it when
   * alone), or {@link #SLOW_KEY} when that is not one BMP char (and for surrogates: a code point outside the
   * BMP). Lower-casing is per character but for the final sigma and the dotted I, which the first
   * {@code Character.toLowerCase} has already replaced, so mapping each char alone gives the same key.
   */
  private static char[] keyChars() {
    char[] table = new char[0x10000];
    for (int c = 0; c < table.length; c++) {
      if (Character.isSurrogate((char) c)) {
        table[c] = SLOW_KEY;
      } else if (Character.isLetterOrDigit(c)) {
        String lower = new String(Character.toChars(Character.toLowerCase(c))).toLowerCase(Locale.ROOT);
        table[c] = lower.length() == 1 && lower.charAt(0) != 0 && lower.charAt(0) != SLOW_KEY ? lower.charAt(0)
            : SLOW_KEY;
      }
    }
    return table;
  }

  private static boolean isLetterOrDigit(int cp) {
    return cp < 0x10000 ? LETTER_OR_DIGIT[cp] : Character.isLetterOrDigit(cp);
  }

  private static boolean[] lettersOrDigits() {
    boolean[] table = new boolean[0x10000];
    for (int c = 0; c < table.length; c++) {
      table[c] = Character.isLetterOrDigit(c);
    }
    return table;
  }

  /** Words that carry a letter or digit; punctuation-only tokens do not count. Words are separated by spaces. */
  static int words(String line) {
    int n = 0;
    boolean counted = false;
    for (int i = 0; i < line.length(); ) {
      char c = line.charAt(i);
      int cp = Character.isSurrogate(c) ? line.codePointAt(i) : c;
      i += Character.charCount(cp);
      if (cp == ' ') {
        counted = false;
      } else if (!counted && isLetterOrDigit(cp)) {
        n++;
        counted = true;
      }
    }
    return n;
  }

  private static boolean isLinkLike(String line) {
    // Prose has many words that cannot be links: a scan without the regex or a split settles it.
    int total = 0;
    int candidates = 0;
    boolean letter = false;
    boolean linkChar = false;
    for (int i = 0; i <= line.length(); ) {
      int cp = i == line.length() ? ' ' : Character.isSurrogate(line.charAt(i)) ? line.codePointAt(i) : line.charAt(i);
      i += i == line.length() ? 1 : Character.charCount(cp);
      if (cp == ' ') {
        if (letter) {
          total++;
          if (linkChar) {
            candidates++;
          }
        }
        letter = false;
        linkChar = false;
      } else {
        letter |= isLetterOrDigit(cp);
        linkChar |= cp == '.' || cp == '@' || cp == ':';
      }
    }
    if (candidates == 0 || total - candidates > 1) {
      return false;
    }
    int links = 0;
    for (String token : line.split(" ")) {
      if (hasLetterOrDigit(token) && mayBeLink(token) && URL_TOKEN.matcher(token).matches()) {
        links++;
      }
    }
    // "Source: example.com" is a credit line; a sentence that cites one URL is not.
    return links > 0 && total - links <= 1;
  }

  /** Every alternative of {@link #URL_TOKEN} needs a ':' (scheme), a '.' (domain, www.) or an '@' (e-mail). */
  private static boolean mayBeLink(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.' || c == '@' || c == ':') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasLetterOrDigit(String token) {
    for (int i = 0; i < token.length(); ) {
      int cp = token.codePointAt(i);
      if (isLetterOrDigit(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  private static boolean isBreadcrumb(String line) {
    return !endsSentence(line) && breadcrumbSeparators(line) >= 2 && words(line) <= 8;
  }

  private static int breadcrumbSeparators(String line) {
    int n = 0;
    for (int i = 0; i < line.length(); i++) {
      if (BREADCRUMB_SEPARATORS.indexOf(line.charAt(i)) >= 0) {
        n++;
      }
    }
    return n;
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
