package io.newswatch.ingest.files;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.ingest.normalize.ArticleJsonReader;
import io.newswatch.ingest.normalize.CharsetResolver;
import io.newswatch.ingest.normalize.DecodedText;
import io.newswatch.ingest.normalize.ExtractedPage;
import io.newswatch.ingest.normalize.HtmlExtractor;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.ingest.normalize.TextCleaner;
import io.newswatch.runtime.LogSafe;
import io.newswatch.schemas.avro.SourceType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the articles in one file's bytes, by format: plain text, HTML page, JSON object/array, JSON Lines.
 * A file whose text holds NUL characters or a share of control characters no text has is binary, whatever
 * its name says, and is refused whole.
 */
public final class FileArticleParser {

  /** Text has tabs and line breaks; more than this share of other control characters means binary data. */
  private static final double MAX_CONTROL_SHARE = 0.01;

  private final CharsetResolver charsets = new CharsetResolver();
  private final HtmlExtractor html = new HtmlExtractor();
  private final ArticleJsonReader json = new ArticleJsonReader();
  private final TextCleaner cleaner = new TextCleaner();
  private final PlainTextArticles text = new PlainTextArticles(cleaner);
  // Trailing tokens after the document ('{...} xyz') are an error, not ignored.
  private final ObjectMapper mapper = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Parses {@code bytes}, the content of {@code file}.
   *
   * @throws InvalidArticleException when the whole file is unreadable (malformed JSON, no text)
   */
  public ParsedFile parse(Path file, FileFormat format, byte[] bytes) throws InvalidArticleException {
    Map<String, String> attributes = Map.of("file", file.getFileName().toString());
    // A dropped file names no outlet; its folder (e.g. one per agency) is the best hint there is.
    Path folder = file.toAbsolutePath().getParent();
    String source = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
    String name = LogSafe.of(file);
    return switch (format) {
      case TEXT -> {
        String decoded = notBinary(charsets.decode(bytes, null, CharsetResolver.Kind.TEXT, name), bytes);
        PlainTextArticles.TitledText t = text.split(decoded);
        if (t.body().isBlank()) {
          // Say which: empty, cut off mid-sentence, too short, or only debris; the split already cleaned the text.
          throw new InvalidArticleException(cleaner.whyNothingLeft(decoded));
        }
        yield single(new RawArticle(null, null, t.title(), t.body(), null, null, source, SourceType.FILE, attributes));
      }
      case HTML -> {
        ExtractedPage page = html.extract(notBinary(charsets.decode(bytes, null, CharsetResolver.Kind.HTML, name), bytes),
            "");
        yield single(new RawArticle(page.canonicalUrl(), page.canonicalUrl(), page.title(), page.text(),
            page.publishedAt(), page.lang(), page.canonicalUrl() == null ? source : null, SourceType.FILE, attributes));
      }
      case JSON -> {
        notBinaryUtf8(bytes);
        yield parseJson(bytes, attributes);
      }
      case JSONL -> {
        notBinaryUtf8(bytes);
        yield parseJsonLines(bytes, attributes);
      }
    };
  }

  /** The decoded text, unless it is binary data in a text file's name. */
  private static String notBinary(DecodedText decoded, byte[] raw) throws InvalidArticleException {
    // A detector may call NUL-rich bytes UTF-16 and make the NULs vanish; without a byte-order mark they count.
    int rawNul = 0;
    if (!decoded.origin().equals("bom")) {
      for (byte b : raw) {
        rawNul += b == 0 ? 1 : 0;
      }
    }
    return notBinary(decoded.text(), rawNul);
  }

  /** {@code text}, unless it is binary data in a text file's name. */
  static String notBinary(String text, int rawNul) throws InvalidArticleException {
    int nul = rawNul;
    int control = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        nul += rawNul == 0 ? 1 : 0;
      } else if (isControl(c)) {
        control++;
      }
    }
    refuseBinary(nul, control, text.length());
    return text;
  }

  /**
   * The same test as {@link #notBinary(String, int)} on UTF-8 bytes, without decoding them: JSON is read
   * from the bytes, so decoding a whole file only to count its control characters would double the work.
   * Characters are counted by their lead bytes; C1 controls are the two-byte sequences C2 80 to C2 9F.
   */
  static void notBinaryUtf8(byte[] bytes) throws InvalidArticleException {
    int nul = 0;
    int control = 0;
    int chars = 0;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue;
      }
      chars++;
      if (b == 0) {
        nul++;
      } else if (b < 0x80 ? isControl((char) b)
          : b == 0xC2 && i + 1 < bytes.length && (bytes[i + 1] & 0xFF) >= 0x80 && (bytes[i + 1] & 0xFF) <= 0x9F) {
        control++;
      }
    }
    refuseBinary(nul, control, chars);
  }

  /** A control character (Unicode's Cc: U+0000 to U+001F and U+007F to U+009F) that text does not use. */
  private static boolean isControl(char c) {
    return (c < 0x20 || (c >= 0x7F && c <= 0x9F)) && c != '\n' && c != '\r' && c != '\t' && c != '\f';
  }

  private static void refuseBinary(int nul, int control, int length) throws InvalidArticleException {
    if (nul > 0 || control > length * MAX_CONTROL_SHARE) {
      throw new InvalidArticleException(String.format(java.util.Locale.ROOT,
          "binary content, not text: %d NUL and %d other control characters in %d (an image, archive or"
              + " document under a text file's name?)", nul, control, length));
    }
  }


  private static ParsedFile single(RawArticle article) {
    return new ParsedFile(List.of(article), List.of());
  }

  private ParsedFile parseJson(byte[] bytes, Map<String, String> attributes) throws InvalidArticleException {
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (JacksonException e) {
      throw new InvalidArticleException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new InvalidArticleException("unreadable JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidArticleException("empty JSON file");
    }
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(items::add);
    } else {
      items.add(root);
    }
    List<RawArticle> articles = new ArrayList<>();
    List<ParsedFile.Failure> failures = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      read(items.get(i), attributes, "item " + i, articles, failures);
    }
    return new ParsedFile(articles, failures);
  }

  /**
   * One JSON value per line, read from the bytes of the line. Lines end at LF, CR or CRLF only: JSON
   * allows U+2028 and U+2029 unescaped inside strings, so they cannot end a line.
   */
  private ParsedFile parseJsonLines(byte[] bytes, Map<String, String> attributes) {
    List<RawArticle> articles = new ArrayList<>();
    List<ParsedFile.Failure> failures = new ArrayList<>();
    int lineNumber = 0;
    int start = 0;
    while (start <= bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      lineNumber++;
      if (!blank(bytes, start, end)) {
        String location = "line " + lineNumber;
        try {
          read(mapper.readTree(bytes, start, end - start), attributes, location, articles, failures);
        } catch (JacksonException e) {
          failures.add(new ParsedFile.Failure("malformed JSON: " + e.getOriginalMessage(),
              Arrays.copyOfRange(bytes, start, end), location));
        } catch (java.io.IOException e) {
          failures.add(new ParsedFile.Failure("unreadable JSON: " + e.getMessage(),
              Arrays.copyOfRange(bytes, start, end), location));
        }
      }
      if (end < bytes.length - 1 && bytes[end] == '\r' && bytes[end + 1] == '\n') {
        end++;
      }
      start = end + 1;
    }
    return new ParsedFile(articles, failures);
  }

  /** Only JSON whitespace, or a byte-order mark, between {@code from} and {@code to}. */
  private static boolean blank(byte[] bytes, int from, int to) {
    int i = from;
    if (to - i >= 3 && (bytes[i] & 0xFF) == 0xEF && (bytes[i + 1] & 0xFF) == 0xBB && (bytes[i + 2] & 0xFF) == 0xBF) {
      i += 3;
    }
    for (; i < to; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private void read(JsonNode node, Map<String, String> attributes, String location,
      List<RawArticle> articles, List<ParsedFile.Failure> failures) {
    try {
      articles.add(json.read(node, SourceType.FILE, attributes));
    } catch (InvalidArticleException e) {
      failures.add(new ParsedFile.Failure(e.getMessage(), node.toString().getBytes(StandardCharsets.UTF_8), location));
    }
  }
}
