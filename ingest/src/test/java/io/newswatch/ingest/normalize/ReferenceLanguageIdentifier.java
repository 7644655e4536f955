package io.newswatch.ingest.normalize;

import java.util.EnumMap;
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
final class ReferenceLanguageIdentifier {

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
  private static final Pattern TOKEN_SPLIT = Pattern.compile("[^\\p{L}\\p{M}']+");

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
    Map<Script, Integer> scripts = new EnumMap<>(Script.class);
    int letters = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        letters++;
        scripts.merge(scriptOf(cp), 1, Integer::sum);
      }
    }
    for (Map.Entry<Script, Integer> e : scripts.entrySet()) {
      if (e.getValue() >= DOMINANT_SCRIPT_SHARE * letters) {
        return e.getKey();
      }
    }
    return Script.OTHER;
  }

  /** The ISO 639-1 code ({@code ar}, {@code en}) or {@code und}. */
  public String identify(String text) {
    if (text == null || text.isBlank()) {
      return UNDETERMINED;
    }
    Map<Script, Integer> scripts = new EnumMap<>(Script.class);
    int persianLetters = 0;
    int letters = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      letters++;
      scripts.merge(scriptOf(cp), 1, Integer::sum);
      if (isPersianOrUrduLetter(cp)) {
        persianLetters++;
      }
    }
    if (letters < MIN_LETTERS) {
      return UNDETERMINED;
    }
    int arabic = scripts.getOrDefault(Script.ARABIC, 0);
    int latin = scripts.getOrDefault(Script.LATIN, 0);
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
    for (String token : TOKEN_SPLIT.split(text)) {
      if (AR.contains(token)) {
        ar++;
      }
      if (FA.contains(token)) {
        fa++;
      }
    }
    return fa > ar ? UNDETERMINED : ARABIC;
  }

  private static String judgeLatin(String text) {
    int tokens = 0;
    int en = 0;
    Map<Rival, Integer> rivals = new EnumMap<>(Rival.class);
    for (String raw : TOKEN_SPLIT.split(text.toLowerCase(Locale.ROOT))) {
      if (raw.isEmpty()) {
        continue;
      }
      tokens++;
      if (EN.contains(raw)) {
        en++;
      }
      for (Map.Entry<Rival, Set<String>> rival : RIVALS.entrySet()) {
        if (rival.getValue().contains(raw)) {
          rivals.merge(rival.getKey(), 1, Integer::sum);
        }
      }
    }
    int bestRival = rivals.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    boolean english = en >= 2 && en >= EN_MIN_STOPWORD_SHARE * tokens && en > EN_MARGIN * bestRival;
    return english ? ENGLISH : UNDETERMINED;
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
