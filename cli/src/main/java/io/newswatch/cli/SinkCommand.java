package io.newswatch.cli;

import io.newswatch.runtime.BoundedShutdown;
import io.newswatch.runtime.Settings;
import io.newswatch.sink.SinkConfig;
import io.newswatch.sink.SinkOptions;
import io.newswatch.sink.SinkService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newswatch sink}: delivers alerts to their subscribers until Ctrl-C. */
@Command(name = "sink", mixinStandardHelpOptions = true,
    description = "Deliver alerts from news.alerts to the subscriptions on news.subscriptions (JSONL files, "
        + "webhooks, PostgreSQL, the live page), effectively once, until Ctrl-C.")
public final class SinkCommand implements Callable<Integer> {
  /** How long the delivery loop may take to finish its work at a stop; the whole stop is bounded too. */
  private static final Duration SHUTDOWN = Duration.ofSeconds(5);

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--live-port", description = "Port of the live page (sink.live.port); 0 picks a free one, -1 turns it off.")
  Integer livePort;

  @Option(names = "--seed", description = "YAML file of subscriptions written to the subscriptions topic at start "
      + "(sink.subscriptions.seed).")
  Path seed;

  @Option(names = "--group-id", description = "Consumer group of the sink (sink.group-id); a new group replays every alert.")
  String groupId;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> flags = new LinkedHashMap<>();
    if (livePort != null) {
      flags.put(SinkConfig.LIVE_PORT, livePort.toString());
    }
    if (seed != null) {
      flags.put(SinkConfig.SEED, seed.toString());
    }
    if (groupId != null) {
      flags.put(SinkConfig.GROUP_ID, groupId);
    }
    Settings settings = common.settings(SinkConfig.defaults()).with(flags);
    SinkConfig config = StartupCheck.sink(settings);
    SinkService service = new SinkService(config, SinkOptions.defaults());
    service.start();
    PrintWriter err = spec.commandLine().getErr();
    Thread hook = new Thread(() -> {
      err.println("newswatch sink: stopping (finishing the batch in flight) ...");
      err.flush();
      long t0 = System.nanoTime();
      BoundedShutdown.run("sink", ServiceLifecycle.SHUTDOWN, () -> service.close(SHUTDOWN));
      err.printf("newswatch sink: stopped in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      err.flush();
    }, "newswatch-sink-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    PrintWriter out = spec.commandLine().getOut();
    out.println("newswatch sink: delivering alerts from " + config.alertsTopic() + " to "
        + service.subscriptions().size() + " subscriptions"
        + service.livePageUrl().map(url -> "; live page at " + url).orElse("")
        + service.managementPort().map(port -> "; health and metrics on port " + port).orElse("")
        + ". Ctrl-C to stop.");
    out.flush();
    service.awaitTermination();

    Optional<Throwable> failure = service.failure();
    if (failure.isEmpty()) {
      return 0;
    }
    spec.commandLine().getErr().println("newswatch sink: stopped: " + failure.get().getMessage());
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; it closes the service itself.
      return 1;
    }
    service.close(SHUTDOWN);
    return 1;
  }
}
