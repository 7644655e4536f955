package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.RecentWords;
import io.newswatch.enrich.analysis.Sentences;
import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.analysis.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An article analyzed once for tagging: its tokens (title first, then body) with the lexicon
 * entries each stands for, its sentences, and which sentences form the lede.
 *
 * <p>Positions are global token indices across both fields, and a sentence never spans two fields.
 * The <em>lede</em> is every sentence that starts within the first {@code ledeTokens} tokens of the
 * article, title included: with a headline that is the headline and the first sentence or two, and
 * without one it is the first sentences, so an article scores about the same whether or not the page
 * had a headline. A sentence repeated word for word (a headline printed twice, a duplicated photo
 * caption) is marked, and counts once.
 */
final class AnalyzedText {

  static final int TITLE = 0;
  static final int BODY = 1;
  private static final String[] FIELD_NAMES = {"title", "body"};

  private final TextLanguage language;
  private final String[] texts;
  private final List<Token> tokens;
  private final int[] fieldOfToken;
  private final int[] sentenceOfToken;
  /**
   * Each token's lexicon ids, flat: token i's are {@code idFlat[idStart[i], idStart[i + 1])}. One
   * array read in text order, where an array per token (the lexicon's own, shared by every
   * occurrence of the word) sent each phrase check to a different place in the heap.
   */
  private final int[] idStart;
  private final int[] idFlat;
  private final List<Sentence> sentences = new ArrayList<>();
  private final int[] head;
  private final int[] next;
  private final int[] position;
  /** Sized for a taxonomy's conditions (a few hundred), so that it does not grow while an article is tagged. */
  private final Map<Expr, List<Match>> cache = new IdentityHashMap<>(512);

  /** One sentence: its field, character range in that field, token range, and flags. */
  record Sentence(int index, int field, int start, int end, int firstToken, int lastToken, boolean lede,
      boolean repeated) {
    boolean hasTokens() {
      return lastToken >= firstToken;
    }
  }

  AnalyzedText(Document doc, Taxonomy taxonomy) {
    this.language = TextLanguage.resolve(doc.lang(), doc.title(), doc.body());
    this.texts = new String[] {doc.title(), doc.body()};
    Lexicon lexicon = taxonomy.lexicon(language);
    List<Token> titleTokens = TextAnalysis.surfaceTokens(texts[TITLE], language);
    List<Token> bodyTokens = TextAnalysis.surfaceTokens(texts[BODY], language);
    tokens = new ArrayList<>(titleTokens.size() + bodyTokens.size());
    int[] fieldOf = new int[titleTokens.size() + bodyTokens.size()];
    int[] sentenceOf = new int[fieldOf.length];
    readSentences(titleTokens, bodyTokens, taxonomy.scoring().ledeTokens(), fieldOf, sentenceOf);
    // Every token is in a sentence (the last one runs to the end of its field), so n is all of them.
    int n = tokens.size();
    fieldOfToken = n == fieldOf.length ? fieldOf : Arrays.copyOf(fieldOf, n);
    sentenceOfToken = n == sentenceOf.length ? sentenceOf : Arrays.copyOf(sentenceOf, n);
    idStart = new int[n + 1];
    idFlat = lexiconIds(lexicon, idStart);
    // Postings per lexicon entry as linked lists in arrays: head[id] is the last position seen.
    head = new int[lexicon.size()];
    next = new int[idFlat.length];
    position = new int[idFlat.length];
    link();
  }

  /**
   * Takes the tokens of each field into {@link #tokens}, sentence by sentence, with each token's field
   * and sentence.
   */
  private void readSentences(List<Token> titleTokens, List<Token> bodyTokens, int ledeTokens, int[] fieldOf,
      int[] sentenceOf) {
    // Sentences of three words or more, by a hash of their words: a repeat is one whose words equal
    // an earlier one's (compared word by word when the hashes agree).
    Map<Long, List<Sentence>> seenSentences = new HashMap<>();
    for (int field = 0; field < texts.length; field++) {
      String text = texts[field];
      List<Token> fieldTokens = field == TITLE ? titleTokens : bodyTokens;
      int[] starts = Sentences.starts(text);
      int t = 0;
      for (int s = 0; s < starts.length; s++) {
        int start = starts[s];
        int end = s + 1 < starts.length ? starts[s + 1] : text.length();
        int firstToken = tokens.size();
        long hash = 1;
        while (t < fieldTokens.size() && fieldTokens.get(t).start() < end) {
          Token token = fieldTokens.get(t++);
          fieldOf[tokens.size()] = field;
          sentenceOf[tokens.size()] = sentences.size();
          tokens.add(token);
          hash = hash * 0x9E3779B97F4A7C15L + token.term().hashCode();
        }
        int lastToken = tokens.size() - 1;
        if (lastToken < firstToken) {
          continue; // blank line
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
          end--;
        }
        boolean repeated = false;
        List<Sentence> sameHash = null;
        if (lastToken - firstToken + 1 >= 3) {
          sameHash = seenSentences.computeIfAbsent(hash, h -> new ArrayList<>(1));
          for (Sentence earlier : sameHash) {
            if (sameWords(earlier.firstToken(), earlier.lastToken(), firstToken, lastToken)) {
              repeated = true;
              break;
            }
          }
        }
        Sentence sentence = new Sentence(sentences.size(), field, start, end, firstToken, lastToken,
            firstToken < ledeTokens, repeated);
        sentences.add(sentence);
        if (sameHash != null && !repeated) {
          sameHash.add(sentence);
        }
      }
    }
  }

  /** Fills {@code starts} (token i's ids are {@code [starts[i], starts[i + 1])}) and returns the ids. */
  private int[] lexiconIds(Lexicon lexicon, int[] starts) {
    int n = tokens.size();
    int[] flat = new int[Math.max(16, n + n / 2)];
    int k = 0;
    RecentWords<int[]> recent = lexicon.recent();
    for (int i = 0; i < n; i++) {
      starts[i] = k;
      int[] ids = lexicon.idsOf(tokens.get(i).term(), recent);
      if (k + ids.length > flat.length) {
        flat = Arrays.copyOf(flat, Math.max(flat.length * 2, k + ids.length));
      }
      for (int id : ids) { // none, one or two: a loop beats arraycopy's call
        flat[k++] = id;
      }
    }
    starts[n] = k;
    return k == flat.length ? flat : Arrays.copyOf(flat, k);
  }

  /** Links each entry's postings, last position first, so that a walk from head[id] runs in text order. */
  private void link() {
    Arrays.fill(head, -1);
    int p = 0;
    for (int i = tokens.size() - 1; i >= 0; i--) {
      for (int k = idStart[i], end = idStart[i + 1]; k < end; k++) {
        int id = idFlat[k];
        position[p] = i;
        next[p] = head[id];
        head[id] = p++;
      }
    }
  }

  /** Whether tokens [a, aLast] and [b, bLast] are the same words. */
  private boolean sameWords(int a, int aLast, int b, int bLast) {
    if (aLast - a != bLast - b) {
      return false;
    }
    for (int i = 0; a + i <= aLast; i++) {
      if (!tokens.get(a + i).term().equals(tokens.get(b + i).term())) {
        return false;
      }
    }
    return true;
  }

  TextLanguage language() {
    return language;
  }

  int size() {
    return tokens.size();
  }

  Token token(int position) {
    return tokens.get(position);
  }

  int field(int position) {
    return fieldOfToken[position];
  }

  static String fieldName(int field) {
    return FIELD_NAMES[field];
  }

  String text(int field) {
    return texts[field];
  }

  int sentenceOf(int position) {
    return sentenceOfToken[position];
  }

  List<Sentence> sentences() {
    return sentences;
  }

  Sentence sentence(int index) {
    return sentences.get(index);
  }

  /** Whether the token at {@code position} stands for lexicon entry {@code id}. */
  boolean hasId(int position, int id) {
    for (int k = idStart[position], end = idStart[position + 1]; k < end; k++) {
      if (idFlat[k] == id) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first posting of lexicon entry {@code id} (its positions in text order are read with {@link
   * #postingPosition} and {@link #nextPosting}), or -1 when the article does not have it.
   */
  int firstPosting(int id) {
    return id < head.length ? head[id] : -1;
  }

  int nextPosting(int posting) {
    return next[posting];
  }

  int postingPosition(int posting) {
    return position[posting];
  }

  /** The surface terms of every token, title then body, for consumers of the same analysis (dedup). */
  List<String> terms() {
    List<String> out = new ArrayList<>(tokens.size());
    for (Token token : tokens) {
      out.add(token.term());
    }
    return out;
  }

  /** Whether {@code expr} was evaluated on this article (its matches are cached): for tests. */
  boolean evaluated(Expr expr) {
    return cache.containsKey(expr);
  }

  /**
   * Conditions are shared by many rules (vocabularies), so their matches are computed once per
   * article. An article is tagged by one thread, so a plain map is enough.
   */
  List<Match> cached(Expr expr, Function<AnalyzedText, List<Match>> compute) {
    List<Match> matches = cache.get(expr);
    if (matches == null) {
      matches = List.copyOf(compute.apply(this));
      cache.put(expr, matches);
    }
    return matches;
  }
}
