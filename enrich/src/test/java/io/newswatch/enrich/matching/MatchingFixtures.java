package io.newswatch.enrich.matching;

import io.newswatch.enrich.TestFiles;
import io.newswatch.enrich.tagging.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Articles for matcher tests: first line the title, the rest the body, language from the name. */
final class MatchingFixtures {

  private MatchingFixtures() {}

  static Document article(String resource) {
    return article(TestFiles.resource(resource));
  }

  static Document article(Path file) {
    String text = TestFiles.read(file);
    int newline = text.indexOf('\n');
    String name = file.getFileName().toString();
    String lang = name.startsWith("ar_") ? "ar" : name.startsWith("en_") ? "en" : "und";
    return new Document(name, text.substring(0, newline), text.substring(newline + 1), lang);
  }

  /** The tagging evaluation articles of this module (about forty, both languages). */
  static List<Document> evaluationArticles() {
    try (Stream<Path> files = Files.list(TestFiles.resource("eval"))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".txt"))
          .sorted()
          .map(MatchingFixtures::article)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
