package io.newswatch.bench;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.tagging.Document;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * Tagging's CPU per article over a long stream of distinct articles, on one thread, by thread CPU
 * time.
 *
 * <p>JMH's {@link TaggingBenchmark} cycles over 64 articles and times the wall clock: the texts and
 * their analyses stay in the core's cache, and on a shared 2-core machine its error bars are wider
 * than a 10 % change. This tags each article once, as the tag-ahead worker does in a backfill, and
 * counts only the thread's own CPU, after a warm-up long enough for C2. Its vocabulary is the seed
 * articles' (a few thousand words and numbers): the term interner stays far smaller than in a long
 * run of real news, so its cache misses there are not reproduced here.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.newswatch.bench.TaggingCpu [articles] [warm-up] [ar|en]
 * </pre>
 */
public final class TaggingCpu {

  private static final int CHUNK = 2_000;

  private TaggingCpu() {}

  public static void main(String[] args) {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    TextLanguage language = TextLanguage.ofCode(args.length > 2 ? args[2] : "ar");
    if (language == null || warmUp >= articles) {
      throw new IllegalArgumentException("usage: TaggingCpu [articles] [warm-up < articles] [ar|en]");
    }
    TaxonomyTagger tagger = TaxonomyTagger.withDefaultTaxonomy();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = 0;
    long generating = 0;
    long tags = 0;
    int done = 0;
    // Generated a chunk at a time (each chunk its own seed), so the corpus is not held in the heap;
    // the generation's own CPU is taken out of the figure.
    for (long seed = BenchArticles.SEED; done < articles; seed++) {
      long g0 = threads.getCurrentThreadCpuTime();
      List<Document> chunk = BenchCorpus.articles(language, Math.min(CHUNK, articles - done), seed);
      if (done > warmUp) { // a chunk generated at done == warmUp comes before cpu0 is read
        generating += threads.getCurrentThreadCpuTime() - g0;
      }
      for (Document doc : chunk) {
        if (done == warmUp) {
          cpu0 = threads.getCurrentThreadCpuTime();
        }
        tags += tagger.tag(new Document("a" + done, doc.title(), doc.body(), doc.lang())).tags().size();
        done++;
      }
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpu0 - generating;
    System.out.printf(Locale.ROOT,
        "tagging (%s): %.1f µs CPU per article over %d articles after %d of warm-up; %d tags%n",
        language.code(), cpu / 1e3 / (articles - warmUp), articles - warmUp, warmUp, tags);
  }
}
