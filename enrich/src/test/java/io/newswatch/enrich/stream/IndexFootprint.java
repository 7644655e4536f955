package io.newswatch.enrich.stream;

import io.newswatch.enrich.dedup.CompactSignature;
import io.newswatch.enrich.dedup.Fingerprinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints the heap the matcher's dedup index holds per remembered article: {@code n} distinct
 * generated articles (120 words drawn from 20,000, so their band hashes hardly repeat, as with real
 * distinct stories) remembered with their compact signatures, heap after full GC before and after.
 * Not a test; BENCHMARKS.md has the command.
 *
 * <p>Arguments: [articles (default 200000)].
 */
public final class IndexFootprint {

  public static void main(String[] args) throws InterruptedException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Fingerprinter fingerprinter = Fingerprinter.withDefaults();
    Random random = new Random(1);
    String[] vocabulary = new String[20_000];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = "w" + Integer.toString(random.nextInt(1 << 30), 36);
    }
    List<CompactSignature> signatures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 120; w++) {
        text.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
      }
      signatures.add(CompactSignature.of(fingerprinter.signature(text.toString()), fingerprinter.config()));
    }
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = String.format(Locale.ROOT, "u-%032x", i);
    }
    // Signatures and ids exist before the index, as they do in the matcher (decoded from the probe):
    // what the index adds is its records, maps, arrays and tables (the signatures' words among them).
    long before = heapAfterGc();
    DedupIndex index = new DedupIndex();
    for (int i = 0; i < n; i++) {
      CompactSignature s = signatures.get(i);
      index.remember(ids[i], 1_700_000_000_000L + i, random.nextLong(), s, fingerprinter.bandHashes(s), ids[i]);
    }
    long after = heapAfterGc();
    // The index keeps each signature's packed words in its flat table, not the object: what it adds
    // is the whole of an article but its id, which the matcher decodes from the probe anyway.
    long idBytes = 24 + 16 + 34;
    System.out.printf(Locale.ROOT, "%d remembered: the index adds %.0f bytes of heap per article (signature included);"
            + " with the id (%d B) %.0f bytes%n", index.size(), (after - before) / (double) n, idBytes,
        (after - before) / (double) n + idBytes);
  }

  private static long heapAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
