package io.newswatch.ingest.files;

import io.newswatch.ingest.normalize.TextCleaner;
import java.util.Arrays;
import java.util.List;

/** Splits a plain-text article into headline and body: a short first paragraph without final punctuation is the headline. */
public final class PlainTextArticles {

  private static final int MIN_TITLE_WORDS = 3;
  private static final int MAX_TITLE_WORDS = 25;
  private static final int MAX_TITLE_CHARS = 250;

  private final TextCleaner cleaner;

  public PlainTextArticles(TextCleaner cleaner) {
    this.cleaner = cleaner;
  }

  /** Headline (empty when the text has none) and body, both cleaned. */
  public TitledText split(String text) {
    List<String> paragraphs = Arrays.asList(cleaner.clean(text).split("\n\n"));
    if (paragraphs.size() < 2 || !isHeadline(paragraphs.getFirst())) {
      return new TitledText("", String.join("\n\n", paragraphs));
    }
    return new TitledText(paragraphs.getFirst(), String.join("\n\n", paragraphs.subList(1, paragraphs.size())));
  }

  private static boolean isHeadline(String line) {
    int words = line.split(" ").length;
    return words >= MIN_TITLE_WORDS && words <= MAX_TITLE_WORDS && line.length() <= MAX_TITLE_CHARS
        && !line.endsWith(":") && !TextCleaner.endsSentence(line);
  }

  /**
   * A headline and its body.
   *
   * @param title the headline, or empty
   * @param body the rest
   */
  public record TitledText(String title, String body) {}
}
