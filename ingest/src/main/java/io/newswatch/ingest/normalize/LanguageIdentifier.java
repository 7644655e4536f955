package io.newswatch.ingest.normalize;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells Arabic and English apart from everything else, by script share and stopword evidence.
 *
 * <p>Arabic: most letters are Arabic script and the text is not Persian or Urdu (their own letters
 * and function words). English: most letters are Latin and English function words clearly outnumber
 * those of French, Spanish, German, Italian, Portuguese and Dutch. Anything else, and text too short
 * or too mixed to judge, is {@code und}.
 */
public final class LanguageIdentifier {

  /** Languages this stage tells apart; everything else is {@link #UNDETERMINED}. */
  public static final String ARABIC = "ar";
  public static final String ENGLISH = "en";
  public static final String UNDETERMINED = "und";

  private static final int MIN_LETTERS = 4;
  private static final double DOMINANT_SCRIPT_SHARE = 0.6;
  private static final double PERSIAN_LETTER_SHARE = 0.02;
  private static final double EN_MIN_STOPWORD_SHARE = 0.12;
  private static final double EN_MARGIN = 1.5;
  private static final Pattern LANG_CODE = Pattern.compile("[a-z]{2}");
  
  private static final Set<String> EN = Set.of("the", "and", "of", "to", "in", "is", "that", "for", "it",
      "was", "on", "with", "as", "at", "by", "this", "from", "be", "are", "have", "has", "had", "not",
      "but", "or", "an", "they", "he", "she", "his", "her", "which", "will", "would", "said", "were",
      "been", "their", "who", "we", "you", "after", "about", "than", "its", "there", "what", "when",
      "into", "more", "also", "our", "can", "could", "should", "these", "those", "over", "i", "my");
  private static final Map<Rival, Set<String>> RIVALS = rivals();
  private static final Set<String> AR = Set.of("في", "من", "على", "إلى", "الى", "أن", "ان", "التي", "الذي",
      "عن", "مع", "هذا", "هذه", "كان", "قال", "بين", "بعد", "وقال", "ما", "لا", "حيث", "كما", "قد", "إن");
  private static final Set<String> FA = Set.of("است", "این", "را", "که", "از", "با", "می", "برای", "های",
      "آن", "شده", "خود", "بود", "کرد", "شد", "یک", "هم", "نیز", "اند", "ای");

  private enum Rival { FR, ES, DE, IT, PT, NL }

  private enum Script { ARABIC, LATIN, OTHER }

  /** Per BMP code point: 0 when not a letter, else 1 + the ordinal of its {@link Script}. */
  private static final byte[] BMP_SCRIPTS = bmpScripts();
  private static final Script[] LETTER_SCRIPTS = {null, Script.ARABIC, Script.LATIN, Script.OTHER};
  /** Each English or rival stopword with a bit per language: bit 0 English, bit 1 + ordinal a rival. */
  private static final WordTable LATIN_STOPWORDS = latinStopwords();
  /** Each Arabic (bit 0) or Persian (bit 1) stopword. */
  private static final WordTable ARABIC_STOPWORDS = arabicStopwords();
  /** Per BMP code point: whether it belongs in a token (a letter, a mark or an apostrophe). */
  private static final boolean[] BMP_TOKEN_CHARS = bmpTokenChars();

  /**
   * Like {@link #identify(String)}, but when detection cannot decide, keeps the language the source
   * declared ({@code "fr"}, {@code "en-US"}): for ar and en only if the text is mostly in their script,
   * since a wrong declaration there would route the article to the wrong analyzer.
   */
  public String identify(String text, String declared) {
    String detected = identify(text);
    if (!detected.equals(UNDETERMINED) || declared == null) {
      return detected;
    }
    String h = declared.strip().toLowerCase(Locale.ROOT);
    boolean separated = h.length() == 2 || (h.length() > 2 && (h.charAt(2) == '-' || h.charAt(2) == '_'));
    if (!separated || !LANG_CODE.matcher(h.substring(0, 2)).matches()) {
      return UNDETERMINED;
    }
    String primary = h.substring(0, 2);
    Script expected = switch (primary) {
      case ARABIC -> Script.ARABIC;
      case ENGLISH -> Script.LATIN;
      default -> null;
    };
    return expected == null || dominantScript(text) == expected ? primary : UNDETERMINED;
  }

  private static Script dominantScript(String text) {
    int[] scripts = new int[Script.values().length];
    int letters = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      Script script = letterScript(cp);
      if (script != null) {
        letters++;
        scripts[script.ordinal()]++;
      }
    }
    // The first script, in enum order, that holds the dominant share.
    for (Script script : Script.values()) {
      if (scripts[script.ordinal()] > 0 && scripts[script.ordinal()] >= DOMINANT_SCRIPT_SHARE * letters) {
        return script;
      }
    }
    return Script.OTHER;
  }

  /** The ISO 639-1 code ({@code ar}, {@code en}) or {@code und}. */
  public String identify(String text) {
    if (text == null || text.isBlank()) {
      return UNDETERMINED;
    }
    int arabic = 0;
    int latin = 0;
    int persianLetters = 0;
    int letters = 0;
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      int cp = Character.isSurrogate(c) ? text.codePointAt(i) : c;
      i += Character.charCount(cp);
      Script script = letterScript(cp);
      if (script == null) {
        continue;
      }
      letters++;
      if (script == Script.ARABIC) {
        arabic++;
      } else if (script == Script.LATIN) {
        latin++;
      }
      if (isPersianOrUrduLetter(cp)) {
        persianLetters++;
      }
    }
    if (letters < MIN_LETTERS) {
      return UNDETERMINED;
    }
    if (arabic >= DOMINANT_SCRIPT_SHARE * letters) {
      return judgeArabic(text, arabic, persianLetters);
    }
    if (latin >= DOMINANT_SCRIPT_SHARE * letters) {
      return judgeLatin(text);
    }
    return UNDETERMINED;
  }

  private static String judgeArabic(String text, int arabicLetters, int persianLetters) {
    if (persianLetters > PERSIAN_LETTER_SHARE * arabicLetters) {
      return UNDETERMINED;
    }
    int ar = 0;
    int fa = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      int start = tokenStart(text, i);
      if (start >= n) {
        break;
      }
      int end = tokenEnd(text, start);
      i = end;
      int langs = ARABIC_STOPWORDS.get(text, start, end);
      if ((langs & 1) != 0) {
        ar++;
      }
      if ((langs & 2) != 0) {
        fa++;
      }
    }
    return fa > ar ? UNDETERMINED : ARABIC;
  }

  private static String judgeLatin(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    int tokens = 0;
    int en = 0;
    int[] rivals = new int[Rival.values().length];
    int n = lower.length();
    int i = 0;
    while (i < n) {
      int start = tokenStart(lower, i);
      if (start >= n) {
        break;
      }
      int end = tokenEnd(lower, start);
      i = end;
      tokens++;
      int langs = LATIN_STOPWORDS.get(lower, start, end);
      if (langs == 0) {
        continue;
      }
      if ((langs & 1) != 0) {
        en++;
      }
      for (Rival rival : Rival.values()) {
        if ((langs & (1 << (rival.ordinal() + 1))) != 0) {
          rivals[rival.ordinal()]++;
        }
      }
    }
    int bestRival = 0;
    for (int count : rivals) {
      bestRival = Math.max(bestRival, count);
    }
    boolean english = en >= 2 && en >= EN_MIN_STOPWORD_SHARE * tokens && en > EN_MARGIN * bestRival;
    return english ? ENGLISH : UNDETERMINED;
  }

  /**
   * Tokens are the runs of letters, marks and apostrophes (what the regex {@code [^\p{L}\p{M}']+} leaves
   * when it splits); a hand-written scan, because the split was a large share of each article's time.
   */
  private static int tokenStart(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      int cp = Character.isSurrogate(c) ? text.codePointAt(i) : c;
      if (isTokenChar(cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  private static int tokenEnd(String text, int start) {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      int cp = Character.isSurrogate(c) ? text.codePointAt(i) : c;
      if (!isTokenChar(cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  private static boolean isTokenChar(int cp) {
    return cp < BMP_TOKEN_CHARS.length ? BMP_TOKEN_CHARS[cp] : isLetterMarkOrApostrophe(cp);
  }

  private static boolean[] bmpTokenChars() {
    boolean[] table = new boolean[0x10000];
    for (int cp = 0; cp < table.length; cp++) {
      table[cp] = isLetterMarkOrApostrophe(cp);
    }
    return table;
  }

  private static boolean isLetterMarkOrApostrophe(int cp) {
    if (cp == '\'') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> true;
      default -> false;
    };
  }

  /** The script of a letter, or null when {@code cp} is not a letter; a table for the BMP, computed once. */
  private static Script letterScript(int cp) {
    if (cp < BMP_SCRIPTS.length) {
      return LETTER_SCRIPTS[BMP_SCRIPTS[cp]];
    }
    return Character.isLetter(cp) ? scriptOf(cp) : null;
  }

  private static byte[] bmpScripts() {
    byte[] table = new byte[0x10000];
    for (int cp = 0; cp < table.length; cp++) {
      if (Character.isLetter(cp)) {
        table[cp] = (byte) (scriptOf(cp).ordinal() + 1);
      }
    }
    return table;
  }

  private static WordTable latinStopwords() {
    Map<String, Integer> m = new HashMap<>();
    EN.forEach(w -> m.merge(w, 1, (a, b) -> a | b));
    RIVALS.forEach((rival, words) -> words.forEach(w -> m.merge(w, 1 << (rival.ordinal() + 1), (a, b) -> a | b)));
    return new WordTable(m);
  }

  private static WordTable arabicStopwords() {
    Map<String, Integer> m = new HashMap<>();
    AR.forEach(w -> m.merge(w, 1, (a, b) -> a | b));
    FA.forEach(w -> m.merge(w, 2, (a, b) -> a | b));
    return new WordTable(m);
  }

  /** Words with a bit mask each, looked up by a range of a string without copying the range out. */
  private static final class WordTable {
    private final String[] words;
    private final int[] masks;
    private final int slots;

    WordTable(Map<String, Integer> masksByWord) {
      int size = Integer.highestOneBit(Math.max(4, masksByWord.size()) * 4);
      words = new String[size];
      masks = new int[size];
      slots = size - 1;
      masksByWord.forEach((word, mask) -> {
        int i = hash(word, 0, word.length()) & slots;
        while (words[i] != null) {
          i = (i + 1) & slots;
        }
        words[i] = word;
        masks[i] = mask;
      });
    }

    /** The mask of {@code text[start, end)}, or 0 when it is not in the table. */
    int get(String text, int start, int end) {
      int length = end - start;
      for (int i = hash(text, start, end) & slots; ; i = (i + 1) & slots) {
        String word = words[i];
        if (word == null) {
          return 0;
        }
        if (word.length() == length && matches(word, text, start)) {
          return masks[i];
        }
      }
    }

    private static boolean matches(String word, String text, int start) {
      for (int j = 0; j < word.length(); j++) {
        if (word.charAt(j) != text.charAt(start + j)) {
          return false;
        }
      }
      return true;
    }

    private static int hash(String text, int start, int end) {
      int h = 0;
      for (int i = start; i < end; i++) {
        h = 31 * h + text.charAt(i);
      }
      return h ^ (h >>> 16);
    }
  }

  private static Script scriptOf(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return switch (script) {
      case ARABIC -> Script.ARABIC;
      case LATIN -> Script.LATIN;
      default -> Script.OTHER;
    };
  }

  /** Letters Persian or Urdu use and standard Arabic does not (peh, tcheh, jeh, gaf, keheh, farsi yeh...). */
  private static boolean isPersianOrUrduLetter(int cp) {
    return cp >= 0x0679 && cp <= 0x06D2 && isPersianOrUrduInBlock(cp);
  }

  private static boolean isPersianOrUrduInBlock(int cp) {
    return cp == 0x067E || cp == 0x0686 || cp == 0x0698 || cp == 0x06AF || cp == 0x06A9 || cp == 0x06CC
        || cp == 0x0679 || cp == 0x0688 || cp == 0x0691 || cp == 0x06BA || cp == 0x06BE || cp == 0x06C1
        || cp == 0x06D2;
  }

  private static Map<Rival, Set<String>> rivals() {
    Map<Rival, Set<String>> m = new EnumMap<>(Rival.class);
    m.put(Rival.FR, Set.of("le", "la", "les", "de", "des", "et", "est", "une", "un", "du", "dans", "pour",
        "que", "qui", "sur", "pas", "au", "aux", "avec", "sont", "ont", "ce", "cette", "il", "elle", "ne",
        "par", "plus", "été", "était", "leur", "nous", "vous", "mais", "ou", "se", "son", "sa"));
    m.put(Rival.ES, Set.of("el", "los", "las", "del", "y", "es", "una", "un", "en", "que", "por", "con",
        "para", "se", "su", "al", "lo", "como", "más", "pero", "fue", "son", "ha", "sus", "esta", "este",
        "está", "de", "la", "le", "ya", "muy", "hay"));
    m.put(Rival.DE, Set.of("der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "sich",
        "des", "auf", "für", "ein", "eine", "dem", "im", "auch", "es", "wird", "sind", "wurde", "nach",
        "bei", "aus", "wie", "oder", "aber", "hat", "ich", "sie", "wir", "einen", "noch"));
    m.put(Rival.IT, Set.of("il", "di", "che", "è", "per", "non", "una", "sono", "della", "nel", "gli",
        "del", "alla", "con", "le", "la", "lo", "da", "anche", "come", "più", "dei", "delle", "questo"));
    m.put(Rival.PT, Set.of("o", "os", "as", "do", "da", "dos", "das", "não", "em", "um", "uma", "para",
        "com", "que", "é", "se", "ao", "mais", "foi", "são", "pelo", "pela", "também"));
    m.put(Rival.NL, Set.of("de", "het", "een", "van", "en", "niet", "op", "dat", "die", "met", "zijn",
        "voor", "ook", "aan", "er", "maar", "om", "bij", "nog", "wordt", "werd", "naar", "heeft"));
    return m;
  }
}
