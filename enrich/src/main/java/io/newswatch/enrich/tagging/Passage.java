package io.newswatch.enrich.tagging;

/**
 * A sentence that carries a topic's evidence: its field and character range [start, end), the sum
 * of the weights of the topic's rules that hold in it, whether it is in the lede, and its text
 * (shortened to {@value #MAX_TEXT} characters).
 */
public record Passage(String field, int start, int end, double score, boolean lede, String text) {

  /** The longest passage text carried; a desk needs the sentence, not the page. */
  public static final int MAX_TEXT = 400;
}
