package io.newswatch.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TermInternerTest {

  private static String intern(TermInterner interner, String term) {
    char[] buffer = new char[term.length() + 5];
    term.getChars(0, term.length(), buffer, 0);
    buffer[term.length()] = 'x'; // what lies past the length is not part of the term
    return interner.get(buffer, term.length());
  }

  @Test
  void aTermSeenBeforeComesBackAsTheSameInstance() {
    TermInterner interner = new TermInterner();
    String first = intern(interner, "القوات");
    assertThat(intern(interner, "القوات")).isSameAs(first).isEqualTo("القوات");
    assertThat(intern(interner, "قوات")).isEqualTo("قوات").isNotSameAs(first);
    assertThat(intern(interner, "")).isEmpty();
  }

  @Test
  void equalToTheTextForManyRandomTermsAcrossGrowth() {
    TermInterner interner = new TermInterner();
    Random random = new Random(7);
    Map<String, String> firstSeen = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      String term = randomTerm(random);
      String interned = intern(interner, term);
      assertThat(interned).isEqualTo(term);
      String earlier = term.length() <= TermInterner.MAX_LENGTH ? firstSeen.putIfAbsent(term, interned) : null;
      if (earlier != null) {
        assertThat(interned).isSameAs(earlier);
      }
      assertThat(interned.hashCode()).isEqualTo(term.hashCode());
    }
    assertThat(interner.size()).isEqualTo(firstSeen.size());
  }

  @Test
  void boundedInTermsKeptAndInLength() {
    TermInterner interner = new TermInterner();
    for (int i = 0; i < TermInterner.MAX_TERMS + 100; i++) {
      intern(interner, "w" + i);
    }
    assertThat(interner.size()).isEqualTo(TermInterner.MAX_TERMS);
    String late = "w" + (TermInterner.MAX_TERMS + 50);
    String lateFirst = intern(interner, late);
    assertThat(lateFirst).isEqualTo(late);
    assertThat(interner.size()).isEqualTo(TermInterner.MAX_TERMS);
    // Only the small table of recent words may still hand it out again, until another word takes its
    // slot: kept words are interned until one has (bounded: a slot is taken within a few thousand).
    String again = lateFirst;
    for (int i = 0; i < 100 * TermInterner.FRONT && again == lateFirst; i++) {
      intern(interner, "w" + i);
      again = intern(interner, late);
    }
    assertThat(again).isEqualTo(late).isNotSameAs(lateFirst);
    assertThat(interner.size()).isEqualTo(TermInterner.MAX_TERMS);
    assertThat(intern(interner, "w1")).isSameAs(intern(interner, "w1"));
    String url = "https://example.org/a/very/long/path/of/an/article";
    assertThat(intern(interner, url)).isEqualTo(url).isNotSameAs(intern(interner, url));
  }

  @Test
  void termsWithTheSameHashAreToldApartByTheirCharacters() {
    // "Aa" and "BB" share String.hashCode, so they meet in the same slot of both tables.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    TermInterner interner = new TermInterner();
    String aa = intern(interner, "Aa");
    assertThat(intern(interner, "BB")).isEqualTo("BB");
    assertThat(intern(interner, "Aa")).isEqualTo("Aa");
    assertThat(intern(interner, "BB")).isEqualTo("BB");
    assertThat(intern(interner, "Aa")).isSameAs(aa);
  }

  @Test
  void analysisHandsOutSharedTermsWithTheSameText() {
    List<Token> tokens = TextAnalysis.surfaceTokens("Troops crossed the line; troops crossed again.", TextLanguage.EN);
    assertThat(tokens).extracting(Token::term)
        .containsExactly("troop", "crossed", "the", "line", "troop", "crossed", "again");
    assertThat(tokens.get(4).term()).isSameAs(tokens.get(0).term());
  }

  private static String randomTerm(Random random) {
    int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 8);
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(random.nextBoolean() ? (char) ('a' + random.nextInt(6)) : (char) (0x0627 + random.nextInt(6)));
    }
    return b.toString();
  }
}
