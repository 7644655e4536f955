package io.newswatch.enrich.dedup;

import java.util.List;

/** What dedup stores about an article: exact content hash, MinHash signature and LSH band keys. */
public record Fingerprint(String contentHash, MinHashSignature signature, List<String> bandKeys) {
  public Fingerprint {
    bandKeys = List.copyOf(bandKeys);
  }
}
