package io.newswatch.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Inputs for the property tests: documents glued from fragments that matter to a parser (tags,
 * entities, CDATA, DOCTYPEs, broken markup, Arabic and bidi text) mixed with arbitrary text, as
 * strings or as bytes in several encodings, with BOMs and random byte damage.
 */
final class FuzzInputs {
  /** The longest any single parse may take; generous, the machine is shared. */
  static final Duration PARSE_TIME = Duration.ofSeconds(10);

  private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE,
      StandardCharsets.UTF_16LE, StandardCharsets.ISO_8859_1, Charset.forName("windows-1256"));

  private FuzzInputs() {}

  /** The fragments in a resource file: one per line, {@code #} lines skipped, {@code \n} a newline. */
  static List<String> fragments(String resource) {
    try (InputStream in = FuzzInputs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.startsWith("#"))
          .map(l -> l.replace("\\n", "\n"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Documents of up to {@code maxParts} fragments or arbitrary strings. */
  static Arbitrary<String> documents(List<String> fragments, int maxParts) {
    Arbitrary<String> part = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.of(fragments)),
        net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(40)),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20)),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0600', '\u06FF').withChars(' ', '.')
            .ofMaxLength(200)));
    return part.list().ofMaxSize(maxParts).map(parts -> String.join("", parts));
  }

  /** A document encoded in one of several charsets, sometimes with a BOM or damaged bytes. */
  static Arbitrary<byte[]> encoded(Arbitrary<String> documents) {
    Arbitrary<Charset> charsets = Arbitraries.of(CHARSETS);
    Arbitrary<Integer> bom = Arbitraries.integers().between(0, 5);
    Arbitrary<List<Integer>> damage = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(4);
    return Combinators.combine(documents, charsets, bom, damage).as((doc, cs, b, hits) -> {
      byte[] body = doc.getBytes(cs);
      byte[] prefix = switch (b) {
        case 1 -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        case 2 -> new byte[] {(byte) 0xFE, (byte) 0xFF};
        case 3 -> new byte[] {(byte) 0xFF, (byte) 0xFE};
        default -> new byte[0];
      };
      byte[] out = new byte[prefix.length + body.length];
      System.arraycopy(prefix, 0, out, 0, prefix.length);
      System.arraycopy(body, 0, out, prefix.length, body.length);
      for (int h : hits) {
        if (out.length > 0) {
          out[h % out.length] ^= (byte) (h >>> 8);
        }
      }
      return out;
    });
  }

  /** Runs {@code call} and fails if it takes longer than {@link #PARSE_TIME}: a hang is a defect. */
  static <T> T withinTime(ThrowingSupplier<T> call) {
    return Assertions.assertTimeoutPreemptively(PARSE_TIME, call);
  }
}
