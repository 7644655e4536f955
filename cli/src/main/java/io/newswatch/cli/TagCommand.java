package io.newswatch.cli;

import io.newswatch.enrich.tagging.OfflineTagger;
import io.newswatch.enrich.tagging.TaxonomyLoader;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code newswatch tag}: the enrich tagger offline, one JSON line per file, for writing and debugging rules. */
@Command(name = "tag", mixinStandardHelpOptions = true,
    description = "Tag text files offline with the taxonomy and print one JSON object per file: "
        + "file, id, lang, topics (topic, score, evidence with character offsets).")
public final class TagCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", description = "Files or folders (*.txt) to tag.")
  List<Path> inputs;

  @Option(names = "--taxonomy", description = "Taxonomy YAML file (default: the built-in taxonomy).")
  Path taxonomy;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    // Every input is checked before any is tagged: a script must not get half the output and exit 0.
    List<String> missing = inputs.stream().filter(p -> !Files.isReadable(p)).map(Path::toString).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no such file or folder: " + String.join(", ", missing));
    }
    if (taxonomy != null) {
      StartupCheck.readableFile("--taxonomy", taxonomy);
    }
    TaxonomyLoader.LoadResult loaded = taxonomy == null ? TaxonomyLoader.loadDefault() : TaxonomyLoader.load(taxonomy);
    loaded.errors().forEach(e -> err.println("newswatch tag: taxonomy rule skipped: " + e));
    OfflineTagger tagger = new OfflineTagger(new TaxonomyTagger(loaded.taxonomy()));
    List<Path> files = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String line : tagger.tagFiles(files)) {
      out.println(line);
    }
    out.flush();
    return 0;
  }
}
