package io.newswatch.cli;

/**
 * Maps offsets in text that ingest derived from a file (debris lines dropped, whitespace collapsed,
 * paragraphs rejoined) back to offsets in the file's own text, so evidence points at what the user
 * opened. Each derived line is found in the original with whitespace ignored, in order; a line that
 * cannot be found (changed by Unicode normalization, say) maps to -1.
 */
final class TextAlignment {

  private final String original;
  private final int[] squeezedToOriginal;
  private final String squeezed;
  private int searchFrom;

  TextAlignment(String original) {
    this.original = original;
    StringBuilder s = new StringBuilder(original.length());
    int[] map = new int[original.length()];
    for (int i = 0; i < original.length(); i++) {
      char c = original.charAt(i);
      if (!Character.isWhitespace(c) && c != '\u00A0' && c != '\u200B' && c != '\uFEFF') {
        map[s.length()] = i;
        s.append(c);
      }
    }
    this.squeezed = s.toString();
    this.squeezedToOriginal = map;
  }

  String original() {
    return original;
  }

  /** For every character of {@code derived}, its offset in the original, or -1; searched after the previous call's text. */
  int[] align(String derived) {
    int[] out = new int[derived.length() + 1];
    java.util.Arrays.fill(out, -1);
    int lineStart = 0;
    while (lineStart <= derived.length()) {
      int lineEnd = derived.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = derived.length();
      }
      alignLine(derived, lineStart, lineEnd, out);
      lineStart = lineEnd + 1;
    }
    return out;
  }

  private void alignLine(String derived, int from, int to, int[] out) {
    StringBuilder key = new StringBuilder(to - from);
    int[] positions = new int[to - from];
    for (int i = from; i < to; i++) {
      char c = derived.charAt(i);
      if (!Character.isWhitespace(c) && c != '\u00A0' && c != '\u200B' && c != '\uFEFF') {
        positions[key.length()] = i;
        key.append(c);
      }
    }
    if (key.isEmpty()) {
      return;
    }
    int at = squeezed.indexOf(key.toString(), searchFrom);
    if (at < 0) {
      return;
    }
    for (int k = 0; k < key.length(); k++) {
      out[positions[k]] = squeezedToOriginal[at + k];
    }
    // A whitespace character maps to the position after the previous mapped one.
    for (int i = from + 1; i < to; i++) {
      if (out[i] < 0 && out[i - 1] >= 0) {
        out[i] = out[i - 1] + 1;
      }
    }
    int lastOriginal = squeezedToOriginal[at + key.length() - 1];
    out[to] = lastOriginal + 1;
    searchFrom = at + key.length();
  }

  /** The original offset of a derived range [start, end), or -1s when it is not aligned. */
  static int[] range(int[] map, int start, int end) {
    if (start < 0 || end <= start || end > map.length - 1) {
      return new int[] {-1, -1};
    }
    int s = map[start];
    int e = map[end - 1];
    return s < 0 || e < 0 ? new int[] {-1, -1} : new int[] {s, e + 1};
  }
}
