package io.newswatch.bench;

import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.analysis.Token;
import io.newswatch.enrich.matching.StoredQuery;
import io.newswatch.enrich.tagging.Document;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic subscriber queries for one language, drawn from the base corpus's words by
 * frequency band. A monitoring desk watches mostly names and specific terms, a few broad ones.
 *
 * <p>Word bands, by the number of base articles ({@link BenchCorpus#base}) that contain the word's
 * analyzed term: <b>common</b> (half of them or more: "korea", "military"), <b>medium</b> (two
 * articles or more), <b>rare</b> (one article: most names) and <b>absent</b> (made-up names and
 * words that no benchmark article contains: the long tail of subjects that are not in today's news).
 * Each word of a query is drawn from absent 40%, rare 35%, medium 15%, common 10%.
 *
 * <p>Shapes: a single word 30%; a "phrase" of 2 or 3 consecutive corpus words (a third of them a
 * made-up two-word name) 15%; {@code a AND b [AND c]} 25%; {@code a OR b [OR c]} 12%; {@code a AND
 * NOT b} 10%; {@code (a OR b) AND c} 8%. So each query has 1 to 4 words or phrases.
 */
public final class QueryMix {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]{2,}");
  private static final String[] LATIN_SYLLABLES = {
    "ka", "ro", "vin", "del", "mar", "su", "ten", "bo", "li", "zha", "nov", "ek", "ta", "ri", "gon",
    "shi", "mu", "lan", "pe", "dor", "qui", "ha", "sen", "vo", "tsu", "ber", "ny", "os", "al", "ju"
  };
  private static final String ARABIC_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهي";

  private final TextLanguage language;
  private final Random random;
  private final Map<Band, List<String>> words = new LinkedHashMap<>();
  private final List<List<String>> sentences = new ArrayList<>();

  private QueryMix(TextLanguage language, List<Document> base, long seed) {
    this.language = language;
    this.random = new Random(seed);
    Map<String, Set<Integer>> articlesByTerm = new HashMap<>();
    Map<String, String> termBySurface = new LinkedHashMap<>();
    for (int d = 0; d < base.size(); d++) {
      Document doc = base.get(d);
      for (String line : (doc.title() + "\n" + doc.body()).split("[\n.!?؟،,;:]")) {
        List<String> sentence = new ArrayList<>();
        Matcher m = WORD.matcher(line);
        while (m.find()) {
          String surface = m.group().toLowerCase(Locale.ROOT);
          sentence.add(surface);
          String term = termBySurface.computeIfAbsent(surface, this::singleTerm);
          if (term != null) {
            articlesByTerm.computeIfAbsent(term, t -> new HashSet<>()).add(d);
          }
        }
        if (sentence.size() >= 2) {
          sentences.add(sentence);
        }
      }
    }
    for (Band band : Band.values()) {
      words.put(band, new ArrayList<>());
    }
    termBySurface.forEach(
        (surface, term) -> {
          if (term != null) {
            int df = articlesByTerm.get(term).size();
            Band band = df * 2 >= base.size() ? Band.COMMON : df >= 2 ? Band.MEDIUM : Band.RARE;
            words.get(band).add(surface);
          }
        });
  }

  /** {@code count} queries with ids {@code <lang>-q<n>}; a prefix of a longer mix is a shorter mix. */
  public static List<StoredQuery> generate(TextLanguage language, List<Document> base, int count, long seed) {
    QueryMix mix = new QueryMix(language, base, seed);
    List<StoredQuery> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new StoredQuery(language.code() + "-q" + i, mix.next(), language));
    }
    return out;
  }

  /** Sizes of the word bands, for the record. */
  public static Map<String, Integer> bandSizes(TextLanguage language, List<Document> base) {
    QueryMix mix = new QueryMix(language, base, 0);
    Map<String, Integer> out = new LinkedHashMap<>();
    mix.words.forEach(
        (band, list) -> {
          if (band != Band.ABSENT) {
            out.put(band.name().toLowerCase(Locale.ROOT), list.size());
          }
        });
    return out;
  }

  private String next() {
    int shape = random.nextInt(100);
    if (shape < 30) {
      return word();
    }
    if (shape < 45) {
      return phrase();
    }
    if (shape < 70) {
      return clause() + " AND " + clause() + (random.nextBoolean() ? " AND " + word() : "");
    }
    if (shape < 82) {
      return word() + " OR " + word() + (random.nextBoolean() ? " OR " + word() : "");
    }
    if (shape < 92) {
      return clause() + " AND NOT " + word();
    }
    return "(" + word() + " OR " + word() + ") AND " + clause();
  }

  /** A word, or now and then a phrase. */
  private String clause() {
    return random.nextInt(6) == 0 ? phrase() : word();
  }

  private String word() {
    int p = random.nextInt(100);
    Band band = p < 85 ? Band.ABSENT : p < 95 ? Band.RARE : p < 99 ? Band.MEDIUM : Band.COMMON;
    List<String> list = words.get(band);
    if (band == Band.ABSENT || list.isEmpty()) {
      return madeUpWord();
    }
    return list.get(random.nextInt(list.size()));
  }

  private String phrase() {
    if (random.nextInt(3) != 0) {
      return "\"" + madeUpWord() + " " + madeUpWord() + "\"";
    }
    List<String> sentence = sentences.get(random.nextInt(sentences.size()));
    int length = Math.min(sentence.size(), 2 + random.nextInt(2));
    int start = random.nextInt(sentence.size() - length + 1);
    return "\"" + String.join(" ", sentence.subList(start, start + length)) + "\"";
  }

  private String madeUpWord() {
    StringBuilder word = new StringBuilder();
    if (language == TextLanguage.AR) {
      for (int i = 0, n = 4 + random.nextInt(3); i < n; i++) {
        word.append(ARABIC_LETTERS.charAt(random.nextInt(ARABIC_LETTERS.length())));
      }
    } else {
      for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
        word.append(LATIN_SYLLABLES[random.nextInt(LATIN_SYLLABLES.length)]);
      }
    }
    return word.toString();
  }

  /** The analyzed term of a surface word, or null when it is not exactly one term. */
  private String singleTerm(String surface) {
    List<Token> tokens = TextAnalysis.tokens(surface, language);
    return tokens.size() == 1 ? tokens.get(0).term() : null;
  }

  private enum Band {
    COMMON,
    MEDIUM,
    RARE,
    ABSENT
  }
}
