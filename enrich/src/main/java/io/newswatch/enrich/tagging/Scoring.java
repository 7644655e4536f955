package io.newswatch.enrich.tagging;

/**
 * Taxonomy-wide scoring parameters: how many tokens from the start of an article form its lede, how
 * much a fact found in the lede adds on top of its weight (a share of the weight), the most one
 * sentence can add to an article's salience, the markers of a background clause ("amid", "وسط"),
 * the openers of a side clause that count only right after a comma ("Pyongyang, whose ..."), the
 * frames that make the rest of a sentence background wherever they stand, even as its first words
 * ("This comes after ...", "يأتي ذلك بعد ..."), the factor a fact in background counts at, and from
 * how many sentences on an article is long enough that a topic's one fact sentence outside the lede
 * is a passing mention (0: never).
 */
record Scoring(int ledeTokens, double ledeBonus, double sentenceCap, Expr background, Expr backgroundClause,
    Expr backgroundFrame, double backgroundFactor, int passingMentionSentences) {

  static final Scoring DEFAULT = new Scoring(40, 0.5, 4.5, null, null, null, 1.0, 0);

  Scoring {
    if (ledeTokens < 1) {
      throw new IllegalArgumentException("scoring.ledeTokens must be at least 1, got " + ledeTokens);
    }
    if (!(ledeBonus >= 0)) {
      throw new IllegalArgumentException("scoring.ledeBonus must be >= 0, got " + ledeBonus);
    }
    if (!(sentenceCap > 0)) {
      throw new IllegalArgumentException("scoring.sentenceCap must be positive, got " + sentenceCap);
    }
    if (!(backgroundFactor > 0 && backgroundFactor <= 1)) {
      throw new IllegalArgumentException("scoring.backgroundFactor must be in (0, 1], got " + backgroundFactor);
    }
    if (passingMentionSentences < 0) {
      throw new IllegalArgumentException("scoring.passingMentionSentences must be >= 0 (0: off), got "
          + passingMentionSentences);
    }
  }
}
