package io.newswatch.cli;

import io.newswatch.enrich.tagging.TaxonomyDiagnostic;
import io.newswatch.enrich.tagging.TaxonomyLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newswatch taxonomy check FILE}: the diagnostics the taxonomy loader would stop on, for rule authors. */
@Command(name = "taxonomy", mixinStandardHelpOptions = true,
    description = "Work with taxonomy files.",
    subcommands = TaxonomyCommand.Check.class)
public final class TaxonomyCommand {

  /** Checks a taxonomy file. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {
          "Check a taxonomy YAML file the way enrich, tag and replay load it: every error (unknown keys, unknown "
              + "vocabulary names, empty topics, rules that can never match, bad values) and warning, with file, "
              + "line and a suggestion.",
          "Exit code 0 when the taxonomy loads, 1 when it has errors, 2 when the file cannot be read."})
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Taxonomy YAML file.")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + ": no such file");
      }
      TaxonomyLoader.CheckResult result = TaxonomyLoader.check(file);
      for (TaxonomyDiagnostic d : result.diagnostics()) {
        out.println(d);
      }
      long errors = result.errors().size();
      long warnings = result.diagnostics().size() - errors;
      if (result.ok()) {
        out.printf("%s: ok, version %s, topics %s (%d warning(s))%n", file, result.taxonomy().version(),
            result.taxonomy().topicIds(), warnings);
        return 0;
      }
      out.printf("%s: %d error(s), %d warning(s); the taxonomy would not load%n", file, errors, warnings);
      return 1;
    }
  }
}
