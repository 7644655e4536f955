package io.newswatch.reliability;

/**
 * How big the reliability runs are, from system properties (the module's pom passes them to
 * Failsafe), so a soak can run the same tests longer:
 * {@code ./mvnw -o -f reliability/pom.xml verify -Dnewswatch.reliability.articles=100000 -Dnewswatch.reliability.kills=20}.
 */
final class Scale {
  /** Articles streamed through the crash-consistency run. */
  static final String ARTICLES = "newswatch.reliability.articles";
  /** SIGKILLs of each stage in the crash-consistency run. */
  static final String KILLS = "newswatch.reliability.kills";
  /** Articles streamed through each outage run (broker restart, registry restart). */
  static final String OUTAGE_ARTICLES = "newswatch.reliability.outage.articles";
  /** Seed of the article generator and of the kill schedule. */
  static final String SEED = "newswatch.reliability.seed";

  private Scale() {}

  static int articles() {
    return intProperty(ARTICLES, 20_000, 100);
  }

  static int kills() {
    return intProperty(KILLS, 5, 1);
  }

  static int outageArticles() {
    return intProperty(OUTAGE_ARTICLES, 1_500, 100);
  }

  static long seed() {
    String v = System.getProperty(SEED, "20251117").trim();
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + SEED + " must be a whole number, got '" + v + "'", e);
    }
  }

  private static int intProperty(String key, int dflt, int min) {
    String v = System.getProperty(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min) {
        throw new IllegalArgumentException("-D" + key + " must be at least " + min + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + key + " must be a whole number, got '" + v + "'", e);
    }
  }
}
