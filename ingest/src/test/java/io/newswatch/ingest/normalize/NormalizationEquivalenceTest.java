package io.newswatch.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.ingest.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hand-written text scans (line splitting, word counts, link and breadcrumb tests, tokenizing,
 * script counts) give exactly what the regex versions gave: {@link ReferenceTextCleaner} and {@link
 * ReferenceLanguageIdentifier} are the code as it was before, run side by side over the sample corpus and
 * seeded variants of it with debris, control characters, odd spaces and scripts mixed in.
 */
class NormalizationEquivalenceTest {

  private static final List<String> FRAGMENTS = List.of("\u00A0", "\u2007", "\u202F", "\u200B", "\uFEFF", "\u2003",
      "\u3000", "\t", "\u000B", "\f", "\r", "\r\n", "\n\n", "\u0085", "\u2028", "\u2029", "\u0001", "\u001F", "\u007F",
      "\u009F", "\u0000", " ", "  ", "Home > World > Asia", "Share | Tweet | Email", "https://example.com/a?b=c",
      "www.example.org", "news@example.com", "example.co.uk/path", "(https://x.y/z).", "Source: example.com",
      "Read more:", "- item one", "\u2022 item two", "* third", "In other developments:", "\u0130stanbul", "ß", "É",
      "l'armée", "don't", "\u0640", "\u067E\u0686\u06AF", "\u0627\u0644\u0639\u0631\u0628\u064A\u0629", "\u064E",
      "\uD835\uDC00", "\uD800", "\u00AA", "\u2026", "\u061F", "\u06D4", "\u3002", "\"", "\u201D", ")", "The", "the",
      "and", "de", "la", "\u0641\u064A", "\u0645\u0646", "\u0627\u0633\u062A", "\u0627\u06CC\u0646", "said.", "12", "\u0661\u0662",
      "Photo: Reuters", "Back to top", "\u00BB", "\u203A", "\u00B7", "/", "|", "ok.", "e\u0301", "A\u030A", "ΣΟΦΟΣ", "σ", "İ", "\uD801\uDC00");

  private final TextCleaner cleaner = new TextCleaner();
  private final ReferenceTextCleaner referenceCleaner = new ReferenceTextCleaner();
  private final LanguageIdentifier languages = new LanguageIdentifier();
  private final ReferenceLanguageIdentifier referenceLanguages = new ReferenceLanguageIdentifier();

  @Test
  void shouldCleanAndIdentifyExactlyAsBeforeWhenGivenTheSampleCorpus() {
    List<String> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThan(30);
    corpus.forEach(this::assertSame);
  }

  @Test
  void shouldCleanAndIdentifyExactlyAsBeforeWhenTheCorpusIsMixedWithDebris() {
    Random random = new Random(11);
    List<String> corpus = corpus();
    for (int i = 0; i < 2_000; i++) {
      String base = corpus.get(random.nextInt(corpus.size()));
      assertSame(mutate(base, random));
    }
  }

  @Test
  void shouldCleanAndIdentifyExactlyAsBeforeWhenGivenRandomFragments() {
    Random random = new Random(7);
    for (int i = 0; i < 8_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(40);
      for (int j = 0; j < n; j++) {
        sb.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
        if (random.nextInt(3) == 0) {
          sb.append(random.nextBoolean() ? ' ' : '\n');
        }
      }
      assertSame(sb.toString());
    }
  }

  @Test
  void shouldKeyEveryCharacterAsBeforeWhenTheTableMapsIt() {
    for (int c = 0; c < 0x10000; c++) {
      String line = "A" + (char) c + "b " + (char) c + (char) c;
      assertThat(TextCleaner.key(line)).as("key of U+%04X", c).isEqualTo(ReferenceTextCleaner.key(line));
    }
    for (String line : List.of("ΣΟΦΟΣ Σ σ ς", "İSTANBUL İi", "\uD801\uDC00\uD801\uDC28 x", "ǅ ǈ ß ẞ", "\uD835\uDC00")) {
      assertThat(TextCleaner.key(line)).as("key of %s", line).isEqualTo(ReferenceTextCleaner.key(line));
    }
  }

  private void assertSame(String text) {
    assertThat(cleaner.clean(text)).as("clean of %s", text).isEqualTo(referenceCleaner.clean(text));
    assertThat(cleaner.plain(text)).as("plain of %s", text).isEqualTo(referenceCleaner.plain(text));
    assertThat(cleaner.whyNothingLeft(text)).as("whyNothingLeft of %s", text)
        .isEqualTo(referenceCleaner.whyNothingLeft(text));
    assertThat(TextCleaner.splitLines(text)).isEqualTo(ReferenceTextCleaner.splitLines(text));
    for (String line : TextCleaner.splitLines(text)) {
      assertThat(TextCleaner.words(line)).as("words of %s", line).isEqualTo(ReferenceTextCleaner.words(line));
    }
    assertThat(languages.identify(text)).as("language of %s", text).isEqualTo(referenceLanguages.identify(text));
    for (String declared : Arrays.asList(null, "en", "ar", "fr", "en-US", "ar_EG", "xx-yy", "e", "fra")) {
      assertThat(languages.identify(text, declared)).as("language of %s declared %s", text, declared)
          .isEqualTo(referenceLanguages.identify(text, declared));
    }
  }

  /** Lines of the text with fragments put in, lines repeated, dropped and swapped. */
  private static String mutate(String base, Random random) {
    List<String> lines = new ArrayList<>(Arrays.asList(base.split("\n", -1)));
    int edits = 1 + random.nextInt(8);
    for (int e = 0; e < edits && !lines.isEmpty(); e++) {
      int at = random.nextInt(lines.size());
      String fragment = FRAGMENTS.get(random.nextInt(FRAGMENTS.size()));
      switch (random.nextInt(5)) {
        case 0 -> lines.add(at, fragment);
        case 1 -> {
          String line = lines.get(at);
          int pos = line.isEmpty() ? 0 : random.nextInt(line.length());
          lines.set(at, line.substring(0, pos) + fragment + line.substring(pos));
        }
        case 2 -> lines.add(random.nextInt(lines.size()), lines.get(at));
        case 3 -> lines.remove(at);
        default -> lines.add(lines.size() - random.nextInt(Math.min(3, lines.size())), fragment);
      }
    }
    return String.join(random.nextBoolean() ? "\n" : "\r\n", lines);
  }

  /** The seed articles, the English benchmark articles and every text resource of this module's tests. */
  static List<String> corpus() {
    List<Path> files = new ArrayList<>();
    Path root = TestPaths.repoRoot();
    for (Path dir : List.of(root.resolve("samples/seeds"), root.resolve("bench/src/main/resources/corpus/en"),
        root.resolve("ingest/src/test/resources"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<String> texts = new ArrayList<>();
    for (Path file : files) {
      try {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        texts.add(text);
        // Files holding many cases (one per line, tab-separated) are also cases one by one.
        if (file.getFileName().toString().endsWith(".tsv") || file.getFileName().toString().endsWith(".jsonl")) {
          text.lines().forEach(texts::add);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return texts;
  }
}
