package io.newswatch.ingest.normalize;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes bytes to text: byte-order mark, then the HTTP charset, then the XML prolog or HTML meta
 * declaration, then valid UTF-8, then ICU detection (which tells windows-1256 from ISO-8859-6).
 */
public final class CharsetResolver {

  /** What the bytes are, which decides which in-document declaration to look for. */
  public enum Kind {
    XML,
    HTML,
    TEXT
  }

  private static final Pattern HTTP_CHARSET =
      Pattern.compile("(?i)charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)");
  private static final Pattern XML_ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
  private static final Pattern HTML_META =
      Pattern.compile("(?i)<meta[^>]+?charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)");
  private static final int HTML_SNIFF_BYTES = 4096;
  /** ICU judges on a prefix; more only costs time. */
  private static final int DETECT_BYTES = 64 * 1024;

  /** Decodes {@code bytes}; {@code contentType} is the HTTP Content-Type header or null. */
  public DecodedText decode(byte[] bytes, String contentType, Kind kind) {
    byte[] data = bytes == null ? new byte[0] : bytes;
    Optional<DecodedText> bom = decodeBom(data);
    if (bom.isPresent()) {
      return bom.get();
    }
    Optional<Choice> declared = fromHttp(contentType).map(c -> new Choice(c, "http"))
        .or(() -> fromDocument(data, kind));
    // A document that says UTF-8 but is not is common (templates copied between sites); trust the bytes.
    if (declared.isPresent() && !(isUtf8(declared.get().charset()) && !isValidUtf8(data))) {
      Charset charset = declared.get().charset();
      return new DecodedText(decodeLenient(data, charset), charset, declared.get().origin());
    }
    if (isValidUtf8(data)) {
      return new DecodedText(new String(data, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "utf-8");
    }
    Optional<Charset> detected = detect(data, kind != Kind.TEXT);
    if (detected.isPresent()) {
      return new DecodedText(decodeLenient(data, detected.get()), detected.get(), "detected");
    }
    return new DecodedText(decodeLenient(data, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "fallback");
  }

  private record Choice(Charset charset, String origin) {}

  private static Optional<DecodedText> decodeBom(byte[] data) {
    if (startsWith(data, 0xEF, 0xBB, 0xBF)) {
      return Optional.of(strip(data, 3, StandardCharsets.UTF_8));
    }
    if (startsWith(data, 0xFE, 0xFF)) {
      return Optional.of(strip(data, 2, StandardCharsets.UTF_16BE));
    }
    if (startsWith(data, 0xFF, 0xFE)) {
      return Optional.of(strip(data, 2, StandardCharsets.UTF_16LE));
    }
    return Optional.empty();
  }

  private static DecodedText strip(byte[] data, int bomLength, Charset charset) {
    byte[] rest = Arrays.copyOfRange(data, bomLength, data.length);
    return new DecodedText(decodeLenient(rest, charset), charset, "bom");
  }

  private static boolean startsWith(byte[] data, int... prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((data[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The charset parameter of a Content-Type header, when present and known to the JVM. */
  public static Optional<Charset> fromHttp(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    Matcher m = HTTP_CHARSET.matcher(contentType);
    return m.find() ? charset(m.group(1)) : Optional.empty();
  }

  private static Optional<Choice> fromDocument(byte[] data, Kind kind) {
    String head = new String(data, 0, Math.min(data.length, HTML_SNIFF_BYTES), StandardCharsets.ISO_8859_1);
    if (kind == Kind.XML || kind == Kind.HTML) {
      Matcher xml = XML_ENCODING.matcher(head);
      if (xml.find()) {
        Optional<Charset> c = charset(xml.group(1));
        if (c.isPresent()) {
          return Optional.of(new Choice(c.get(), "xml-prolog"));
        }
      }
    }
    if (kind == Kind.HTML) {
      Matcher meta = HTML_META.matcher(head);
      if (meta.find()) {
        return charset(meta.group(1)).map(c -> new Choice(c, "html-meta"));
      }
    }
    return Optional.empty();
  }

  private static Optional<Charset> charset(String name) {
    try {
      return Optional.of(Charset.forName(name.trim().toLowerCase(Locale.ROOT)));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  private static boolean isUtf8(Charset charset) {
    return charset.equals(StandardCharsets.UTF_8);
  }

  static boolean isValidUtf8(byte[] data) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static Optional<Charset> detect(byte[] data, boolean markup) {
    CharsetDetector detector = new CharsetDetector();
    detector.enableInputFilter(markup);
    detector.setText(data.length > DETECT_BYTES ? Arrays.copyOf(data, DETECT_BYTES) : data);
    CharsetMatch[] matches = detector.detectAll();
    if (matches == null) {
      return Optional.empty();
    }
    for (CharsetMatch match : matches) {
      Optional<Charset> c = charset(match.getName());
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static String decodeLenient(byte[] data, Charset charset) {
    return new String(data, charset);
  }
}
