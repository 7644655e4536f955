package io.newswatch.cli;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.EnrichService;
import io.newswatch.runtime.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newswatch enrich}: the dedup, tagging and alerting Kafka Streams service. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = "Run the enrich service (Kafka Streams: dedup, topic tagging, alerts) until Ctrl-C.")
public final class EnrichCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--taxonomy", description = "Taxonomy YAML file (default: the built-in taxonomy).")
  Path taxonomy;

  @Option(names = "--application-id", description = "Kafka Streams application id (default: newswatch-enrich).")
  String applicationId;

  @Override
  public Integer call() throws Exception {
    Map<String, String> defaults = new java.util.HashMap<>(EnrichConfig.defaults());
    Settings settings = common.settings(defaults);
    if (taxonomy != null) {
      settings = settings.with(Map.of(EnrichConfig.TAXONOMY, taxonomy.toString()), "--taxonomy");
    }
    if (applicationId != null) {
      settings = settings.with(Map.of(EnrichConfig.APPLICATION_ID, applicationId), "--application-id");
    }
    EnrichConfig config = StartupCheck.enrich(settings);
    try (ServiceLifecycle life = new ServiceLifecycle(settings, spec.commandLine().getErr())) {
      EnrichService service = EnrichService.start(config, settings.kafkaProperties(), settings.registryConfig(), life.meters());
      // Streams waits its whole close timeout for an unreachable broker; the stop has 8 s in all.
      life.manage(() -> service.close(java.time.Duration.ofSeconds(5)));
      life.addReadinessCheck("streams", service::isReady);
      life.awaitShutdown();
    }
    return 0;
  }
}
