package io.newswatch.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** JSON Lines and the binary check are read from a file's bytes; these pin what that reading keeps. */
class FileArticleParserTest {
  private static final Path FILE = Path.of("/drop/agency/batch.jsonl");
  private final FileArticleParser parser = new FileArticleParser();

  private static String line(String url, String body) {
    return "{\"url\":\"" + url + "\",\"body\":\"" + body + "\"}";
  }

  @Test
  void shouldSplitLinesAtLfCrAndCrLfAndNumberThemAsAnEditorDoes() throws InvalidArticleException {
    String text = line("https://a.test/1", "first body") + "\r\n"
        + "\r\n"
        + "{not json\n"
        + line("https://a.test/2", "second body") + "\r"
        + "   \t\n"
        + line("https://a.test/3", "third body");

    ParsedFile parsed = parser.parse(FILE, FileFormat.JSONL, text.getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.articles()).extracting(RawArticle::url)
        .containsExactly("https://a.test/1", "https://a.test/2", "https://a.test/3");
    assertThat(parsed.failures()).singleElement().satisfies(f -> {
      assertThat(f.location()).isEqualTo("line 3");
      assertThat(f.reason()).startsWith("malformed JSON");
      assertThat(new String(f.payload(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    });
  }

  @Test
  void shouldKeepALineWholeWhenItsStringHoldsUnicodeLineSeparators() throws InvalidArticleException {
    // JSON allows U+2028, U+2029 and U+0085 unescaped inside strings; they do not end a JSON line.
    String body = "Troops crossed the line\u2028and returned\u2029after warning shots\u0085the army said";
    byte[] bytes = ("\uFEFF" + line("https://a.test/sep", body) + "\n").getBytes(StandardCharsets.UTF_8);

    ParsedFile parsed = parser.parse(FILE, FileFormat.JSONL, bytes);

    assertThat(parsed.failures()).isEmpty();
    assertThat(parsed.articles()).singleElement().satisfies(a -> assertThat(a.body()).isEqualTo(body));
  }

  @Test
  void shouldRefuseJsonLinesWithC1ControlsOrNulsAsBinaryAndAcceptArabicText() throws InvalidArticleException {
    byte[] arabic = (line("https://a.test/ar", "عبر جنود كوريون شماليون خط الترسيم العسكري") + "\n")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(FILE, FileFormat.JSONL, arabic).articles()).hasSize(1);

    ByteArrayOutputStream c1 = new ByteArrayOutputStream();
    for (int i = 0; i < 40; i++) {
      c1.writeBytes(new byte[] {'a', (byte) 0xC2, (byte) 0x85, 'b', (byte) 0xC2, (byte) 0x9F});
    }
    assertThatThrownBy(() -> parser.parse(FILE, FileFormat.JSONL, c1.toByteArray()))
        .isInstanceOf(InvalidArticleException.class)
        .hasMessageContaining("0 NUL and 80 other control characters in 160");

    byte[] nul = (line("https://a.test/nul", "text") + "\u0000\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(FILE, FileFormat.JSON, nul))
        .isInstanceOf(InvalidArticleException.class).hasMessageContaining("1 NUL");
  }

  @Test
  void shouldCountControlCharactersOnBytesAsOnDecodedText() throws InvalidArticleException {
    StringBuilder text = new StringBuilder();
    for (int c = 1; c < 0xA0; c++) {
      text.append((char) c).append("نص ");
    }
    String s = text.toString();
    String fromText = message(() -> FileArticleParser.notBinary(s, 0));
    String fromBytes = message(() -> FileArticleParser.notBinaryUtf8(s.getBytes(StandardCharsets.UTF_8)));
    assertThat(fromText).contains("60 other control characters").isEqualTo(fromBytes);
  }

  private interface Check {
    void run() throws InvalidArticleException;
  }

  private static String message(Check check) {
    try {
      check.run();
      return "accepted";
    } catch (InvalidArticleException e) {
      return e.getMessage();
    }
  }
}
