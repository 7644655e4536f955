package io.newswatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code newswatch} command. */
@Command(name = "newswatch", mixinStandardHelpOptions = true, version = "newswatch 0.1.0",
    description = "Streaming news monitoring on Apache Kafka.",
    subcommands = {RunCommand.class, ReplayCommand.class, BenchCommand.class, PlatformCommand.class, IngestCommand.class, EnrichCommand.class, SinkCommand.class,
        SubscriptionsCommand.class, RedeliverCommand.class, TagCommand.class, EvalCommand.class, TaxonomyCommand.class,
        TailCommand.class, StoriesCommand.class,
        CommandLine.HelpCommand.class})
public final class NewswatchCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared with tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new NewswatchCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      org.slf4j.LoggerFactory.getLogger(NewswatchCli.class).debug("command failed", ex);
      return ex instanceof IllegalArgumentException ? 2 : 1;
    });
    return cl;
  }
}
