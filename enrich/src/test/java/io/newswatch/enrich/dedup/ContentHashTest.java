package io.newswatch.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streamed hash is the hash of the joined text: the dedup index holds hashes across releases. */
class ContentHashTest {

  private static String reference(List<String> terms) throws Exception {
    byte[] joined = String.join(" ", terms).getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(joined));
  }

  @Test
  void shouldHashTheTermsJoinedBySpacesInUtf8() throws Exception {
    List<List<String>> cases = List.of(List.of(), List.of(""), List.of("", ""), List.of("dmz"),
        List.of("كوريا", "الشمالية", "2024"), List.of("a\uD83D\uDE00b", "ok"), // a pair: 4 bytes
        List.of("lone\uD800", "\uDC00x", "end\uD83D"), // lone surrogates: '?' as String.getBytes
        List.of("x".repeat(40_000), "ب".repeat(9_000), "y")); // terms past the buffer
    for (List<String> terms : cases) {
      assertThat(ContentHash.ofTerms(terms)).as("%s", terms.size() > 0 ? terms.get(0).length() : 0)
          .isEqualTo(reference(terms));
    }
  }

  @Test
  void shouldMatchTheReferenceForRandomMixedScriptText() throws Exception {
    Random random = new Random(42);
    char[] alphabet = "abcXYZ019 ابتثجحخدذرزسشصضطظعغفقكلمنهوي٠١٢ءآأإؤئ한국어中文\uD83D\uDE00\uD800\uDC00ü".toCharArray();
    for (int round = 0; round < 2_000; round++) {
      List<String> terms = new ArrayList<>();
      int count = random.nextInt(1_500);
      for (int t = 0; t < count; t++) {
        StringBuilder term = new StringBuilder();
        for (int i = random.nextInt(14); i > 0; i--) {
          term.append(alphabet[random.nextInt(alphabet.length)]);
        }
        terms.add(term.toString());
      }
      assertThat(ContentHash.ofTerms(terms)).isEqualTo(reference(terms));
    }
  }
}
