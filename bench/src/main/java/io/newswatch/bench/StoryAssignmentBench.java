package io.newswatch.bench;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.stories.StoryArticle;
import io.newswatch.enrich.stories.StoryConfig;
import io.newswatch.enrich.stories.StoryMatcher;
import io.newswatch.enrich.stream.StoryBook;
import io.newswatch.enrich.tagging.Document;
import io.newswatch.enrich.tagging.TaggingResult;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import io.newswatch.enrich.tagging.TopicScore;
import io.newswatch.schemas.avro.Severity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cost of story assignment next to the rest of enrich's per-article work (issue 12's budget:
 * at most 20 % more CPU per article). Thread CPU time of the same thread: first tagging and
 * fingerprinting every article (what the intake does), then assigning the tagged ones to stories
 * in event-time order, one article per {@code --gap-seconds}, so that the 48-hour window holds as
 * many open stories as a desk of that rate has.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.newswatch.bench.StoryAssignmentBench [--articles 4000] [--gap-seconds 60] [--dir ../shared/samples/realset]</pre>
 */
public final class StoryAssignmentBench {
  private StoryAssignmentBench() {}

  public static void main(String[] args) {
    int n = 4000;
    long gapSeconds = 60;
    java.nio.file.Path dir = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--articles" -> n = Integer.parseInt(args[i + 1]);
        case "--gap-seconds" -> gapSeconds = Long.parseLong(args[i + 1]);
        case "--dir" -> dir = java.nio.file.Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<Document> docs = new ArrayList<>();
    if (dir == null) {
      // The generated corpus: sentences of a few base articles recombined, so nearly every article
      // names the same people and places, the worst case for story candidates.
      docs.addAll(BenchCorpus.articles(TextLanguage.AR, n / 2, 7));
      docs.addAll(BenchCorpus.articles(TextLanguage.EN, n - n / 2, 11));
    } else {
      // Real articles (e.g. the real set), each file once per pass, passes 3 days apart, so that each
      // pass meets only its own stories, as a desk's stream of distinct reports would.
      List<java.nio.file.Path> files;
      try (var list = java.nio.file.Files.list(dir)) {
        files = list.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      for (int pass = 0; docs.size() < n; pass++) {
        for (java.nio.file.Path f : files) {
          try {
            docs.add(new Document(pass + "/" + f.getFileName(), "", java.nio.file.Files.readString(f), null));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
      gapSeconds = Math.max(1, 3 * 24 * 3600 / files.size());
    }
    TaxonomyTagger tagger = TaxonomyTagger.withDefaultTaxonomy();
    Fingerprinter fingerprinter = Fingerprinter.withDefaults();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= 3; round++) {
      List<StoryArticle> tagged = new ArrayList<>();
      long c0 = cpu.getCurrentThreadCpuTime();
      int i = 0;
      for (Document d : docs) {
        TaggingResult r = tagger.tag(d);
        fingerprinter.fingerprint(r.terms());
        Instant time = Instant.ofEpochSecond(1_700_000_000L + gapSeconds * i++);
        if (r.primary().isPresent()) {
          Set<String> topics = new HashSet<>();
          r.tags().forEach(t -> topics.add(t.topic()));
          tagged.add(new StoryArticle(d.id() + "#" + i, time, "outlet-" + (i % 11), r.language(),
              r.primary().map(TopicScore::topic).orElseThrow(), topics, new HashSet<>(r.entities()), null));
        }
      }
      long c1 = cpu.getCurrentThreadCpuTime();
      StoryBook book = new StoryBook(new StoryMatcher(StoryConfig.DEFAULTS));
      int joined = 0;
      int maxOpen = 0;
      long window = Duration.ofHours(48).toMillis();
      long lastPurge = 0;
      for (StoryArticle a : tagged) {
        StoryBook.Story story = book.bestFor(a);
        StoryBook.Story next = story == null ? StoryBook.Story.start(a, Severity.LOW) : story.plus(a, Severity.LOW);
        joined += story == null ? 0 : 1;
        book.put(next);
        next.toState(); // what the matcher writes to its store
        if (a.time().toEpochMilli() - lastPurge >= 600_000) {
          book.expire(a.time().toEpochMilli() - window); // the matcher purges every 10 minutes of event time
          lastPurge = a.time().toEpochMilli();
        }
        maxOpen = Math.max(maxOpen, book.size());
      }
      long c2 = cpu.getCurrentThreadCpuTime();
      double intakeUs = (c1 - c0) / 1e3 / docs.size();
      double storyUs = (c2 - c1) / 1e3 / docs.size();
      System.out.printf("round %d: %d articles (%d tagged, %d joined a story, up to %d open): tag+fingerprint %.0f us/article, "
              + "story assignment %.1f us/article = %.1f %% of it%n", round, docs.size(), tagged.size(), joined, maxOpen,
          intakeUs, storyUs, 100 * storyUs / intakeUs);
    }
  }
}
