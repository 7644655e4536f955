package io.newswatch.ingest.normalize;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import io.newswatch.runtime.LogSafe;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes bytes to text: byte-order mark, then the HTTP charset, then the XML prolog or HTML meta
 * declaration, then valid UTF-8, then ICU detection (which tells windows-1256 from ISO-8859-6).
 *
 * <p>A declaration is a claim, the bytes are the evidence. Bytes that are valid UTF-8 and hold non-ASCII
 * characters are UTF-8 whatever the declaration says (a legacy single-byte text is practically never
 * valid multi-byte UTF-8, while servers that send UTF-8 under an old {@code charset=windows-1256} header
 * are common); bytes the declared charset cannot map go to ICU detection. Either disagreement is logged,
 * because it means the source is misconfigured and its operator should know.
 */
public final class CharsetResolver {

  private static final Logger LOG = LoggerFactory.getLogger(CharsetResolver.class);

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
    return decode(bytes, contentType, kind, null);
  }

  /**
   * Decodes {@code bytes}; {@code source} (a URL or file, already safe to log, or null) names the input in
   * the warning when its declared charset disagrees with its bytes.
   */
  public DecodedText decode(byte[] bytes, String contentType, Kind kind, String source) {
    byte[] data = bytes == null ? new byte[0] : bytes;
    Optional<DecodedText> bom = decodeBom(data);
    if (bom.isPresent()) {
      return bom.get();
    }
    Optional<Choice> declared = fromHttp(contentType).map(c -> new Choice(c, "http"))
        .or(() -> fromDocument(data, kind));
    boolean validUtf8 = isValidUtf8(data);
    if (declared.isPresent()) {
      Charset charset = declared.get().charset();
      String origin = declared.get().origin();
      if (isUtf8(charset) && validUtf8) {
        return new DecodedText(new String(data, StandardCharsets.UTF_8), charset, origin);
      }
      if (!isUtf8(charset) && validUtf8 && hasNonAscii(data)) {
        LOG.warn("{}: declared charset {} ({}) disagrees with the bytes, which are valid UTF-8; reading them as UTF-8",
            source == null ? "input" : LogSafe.of(source), charset.name(), origin);
        return new DecodedText(new String(data, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "utf-8-over-" + origin);
      }
      if (!isUtf8(charset)) {
        if (decodesCleanly(data, charset)) {
          return new DecodedText(decodeLenient(data, charset), charset, origin);
        }
        // The declared charset would put replacement characters in the text: let the bytes say what they are.
        Optional<Charset> detected = detect(data, kind != Kind.TEXT).filter(c -> decodesCleanly(data, c));
        LOG.warn("{}: declared charset {} ({}) cannot decode the bytes; {}", source == null ? "input" : LogSafe.of(source),
            charset.name(), origin, detected.map(c -> "detected " + c.name() + " instead").orElse("decoding as declared"));
        return detected.map(c -> new DecodedText(decodeLenient(data, c), c, "detected-over-" + origin))
            .orElseGet(() -> new DecodedText(decodeLenient(data, charset), charset, origin));
      }
      // A document that says UTF-8 but is not is common (templates copied between sites); trust the bytes.
    }
    if (validUtf8) {
      return new DecodedText(new String(data, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "utf-8");
    }
    if (mostlyUtf8(data)) {
      // Many well-formed multi-byte sequences and a stray bad byte or two (a truncated copy, a byte of
      // another encoding pasted in) is UTF-8 with damage: a detector reads the whole text as
      // windows-1252 and turns every Arabic word into mojibake.
      LOG.warn("{}: the bytes are UTF-8 but for a few malformed ones; reading them as UTF-8 with U+FFFD in their place",
          source == null ? "input" : LogSafe.of(source));
      return new DecodedText(new String(data, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "utf-8-damaged");
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

  private static boolean hasNonAscii(byte[] data) {
    for (byte b : data) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean decodesCleanly(byte[] data, Charset charset) {
    try {
      charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data));
      return true;
    } catch (CharacterCodingException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean isUtf8(Charset charset) {
    return charset.equals(StandardCharsets.UTF_8);
  }

  /** Well-formed multi-byte sequences needed before a few malformed bytes are read as damage. */
  private static final int MIN_UTF8_SEQUENCES = 8;
  /**
   * At most one malformed byte per this many well-formed multi-byte sequences. Text in a single-byte
   * Arabic code page has as many malformed bytes as sequences or more (its letters are all high bytes,
   * rarely a lead followed by a continuation); Western single-byte text has hardly any sequences.
   */
  private static final int SEQUENCES_PER_MALFORMED_BYTE = 4;

  /** Whether {@code data} is UTF-8 with a few malformed bytes: many multi-byte sequences, hardly any errors. */
  static boolean mostlyUtf8(byte[] data) {
    int sequences = 0;
    int malformed = 0;
    int i = 0;
    while (i < data.length) {
      int b = data[i] & 0xFF;
      int length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      if (length == 1) {
        i++;
        continue;
      }
      boolean ok = length > 0 && i + length <= data.length;
      for (int k = 1; ok && k < length; k++) {
        ok = (data[i + k] & 0xC0) == 0x80;
      }
      if (ok) {
        sequences++;
        i += length;
      } else {
        malformed++;
        i++;
      }
    }
    return sequences >= MIN_UTF8_SEQUENCES && (long) malformed * SEQUENCES_PER_MALFORMED_BYTE <= sequences;
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
