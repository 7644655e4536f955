package io.newswatch.cli;

import io.newswatch.sink.Redelivery;
import io.newswatch.sink.SinkConfig;
import io.newswatch.sink.webhook.SecretResolver;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newswatch redeliver}: replays failed deliveries from news.sink.dlq through the same channels. */
@Command(name = "redeliver", mixinStandardHelpOptions = true,
    description = "Replay failed deliveries from the sink's dead-letter topic (news.sink.dlq) through the same "
        + "idempotent channels: the alert is read back from the alerts topic and delivered under its delivery key, "
        + "so one that arrived in the meantime is skipped. Prints one line per dead letter.")
public final class RedeliverCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--subscription", split = ",", description = "Only these subscription ids (default: all).")
  List<String> subscriptions = List.of();

  @Option(names = "--from", description = "Only dead letters written at or after this time, e.g. 2026-12-01T00:00:00Z.")
  Instant from;

  @Option(names = "--to", description = "Only dead letters written before this time.")
  Instant to;

  @Option(names = "--reason", description = "Only dead letters whose reason contains this text, e.g. 'HTTP 503'.")
  String reason;

  @Option(names = "--dry-run", description = "List what would be redelivered, send nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws InterruptedException {
    Redelivery.Filter filter = new Redelivery.Filter(new HashSet<>(subscriptions), from, to, reason);
    SinkConfig config = SinkConfig.from(common.settings(SinkConfig.defaults()));
    List<Redelivery.Outcome> outcomes = new Redelivery(config, SecretResolver.environment()).run(filter, dryRun);
    PrintWriter out = spec.commandLine().getOut();
    outcomes.forEach(o -> out.println(o.deliveryKey() + " " + o.result()));
    long failed = outcomes.stream().filter(o -> o.result().startsWith("failed")).count();
    out.printf("redeliver: %d dead letters matched, %d failed again%n", outcomes.size(), failed);
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
