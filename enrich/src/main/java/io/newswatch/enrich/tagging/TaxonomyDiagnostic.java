package io.newswatch.enrich.tagging;

/**
 * A problem found in a taxonomy file: where ({@code source}, 1-based {@code line} and {@code
 * column}, and the {@code path} of the element, such as {@code topics[dmz].rules[crossing]}), what is
 * wrong, and a suggestion when there is one ("did you mean 'threshold'?"). Errors stop the taxonomy
 * from loading; warnings are reported and the taxonomy loads.
 */
public record TaxonomyDiagnostic(Level level, String source, int line, int column, String path, String message,
    String suggestion) {

  /** Whether the problem stops the taxonomy from loading. */
  public enum Level {
    ERROR, WARNING
  }

  public boolean isError() {
    return level == Level.ERROR;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(source);
    if (line > 0) {
      out.append(':').append(line).append(':').append(column);
    }
    out.append(": ").append(level == Level.ERROR ? "error" : "warning").append(": ");
    if (!path.isEmpty()) {
      out.append(path).append(": ");
    }
    out.append(message);
    if (suggestion != null && !suggestion.isEmpty()) {
      out.append(" (").append(suggestion).append(')');
    }
    return out.toString();
  }
}
