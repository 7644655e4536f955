package io.newswatch.cli;

import io.newswatch.enrich.tagging.TaggingEvaluation;
import io.newswatch.enrich.tagging.TaxonomyLoader;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newswatch eval DIR}: the tagger against a labelled folder (a {@code labels.tsv} beside the
 * articles), read and tagged exactly as {@code newswatch tag} does.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {
        "Evaluate the tagger on a folder of articles with a labels.tsv (columns file, lang, topics; or file, lang, "
            + "primary_topic, also_acceptable): precision, recall and F1 per topic and language, macro F1, "
            + "primary-topic accuracy, and every error with the tagger's explanation.",
        "Exit code 0; 1 when --min-macro-f1 is given and a language falls below it; 2 when the folder or labels "
            + "cannot be read."})
public final class EvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Folder with the articles and labels.tsv.")
  Path dir;

  @Option(names = "--taxonomy", description = "Taxonomy YAML file (default: the built-in taxonomy).")
  Path taxonomy;

  @Option(names = "--labels", description = "Labels file (default: DIR/labels.tsv).")
  Path labels;

  @Option(names = "--min-macro-f1", description = "Fail (exit 1) when any language's macro F1 is below this.")
  Double minMacroF1;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path labelFile = labels != null ? labels : dir.resolve("labels.tsv");
    if (!Files.isDirectory(dir) || !Files.isRegularFile(labelFile)) {
      throw new IllegalArgumentException(dir + " must be a folder holding the articles and " + labelFile.getFileName());
    }
    TaxonomyTagger tagger = new TaxonomyTagger(TaxonomyLoader.loadOrDefault(taxonomy));
    List<TaggingEvaluation.Outcome> outcomes = outcomes(dir, labelFile, new OfflineTagging(tagger));
    TaggingEvaluation.Report report = TaggingEvaluation.evaluate(tagger.topicIds(), outcomes);
    out.printf("newswatch eval %s (taxonomy %s, %d articles)%n", dir, tagger.taxonomyVersion(), outcomes.size());
    out.print(report.format());
    out.flush();
    if (minMacroF1 != null) {
      for (var l : report.languages()) {
        if (l.macroF1() < minMacroF1) {
          spec.commandLine().getErr().printf(Locale.ROOT, "newswatch eval: %s macro F1 %.3f is below %.3f%n",
              l.language(), l.macroF1(), minMacroF1);
          return 1;
        }
      }
    }
    return 0;
  }

  /**
   * Every labelled article of {@code dir} read and tagged as the pipeline would see it: the file
   * read and cleaned as ingest's folder import does, then tagged. A file ingest refuses (a partial
   * or empty text) is an outcome with no tags and the reason.
   */
  static List<TaggingEvaluation.Outcome> outcomes(Path dir, Path labelFile, OfflineTagging tagging) {
    ArticleFiles files = new ArticleFiles();
    List<TaggingEvaluation.Outcome> outcomes = new ArrayList<>();
    for (TaggingEvaluation.Gold gold : TaggingEvaluation.readLabels(labelFile)) {
      List<ArticleFiles.FileArticle> read = new ArrayList<>();
      List<ArticleFiles.Problem> problems = new ArrayList<>();
      Path file = dir.resolve(gold.file());
      if (!Files.isRegularFile(file)) {
        outcomes.add(new TaggingEvaluation.Outcome(gold, null, "no such file"));
        continue;
      }
      files.read(file, read, problems);
      if (read.isEmpty()) {
        String why = problems.isEmpty() ? "no article in the file" : problems.getFirst().reason();
        outcomes.add(new TaggingEvaluation.Outcome(gold, null, why));
      } else {
        outcomes.add(new TaggingEvaluation.Outcome(gold, tagging.tag(read.getFirst()).result(), null));
      }
    }
    return outcomes;
  }
}
