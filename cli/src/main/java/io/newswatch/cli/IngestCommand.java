package io.newswatch.cli;

import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.IngestService;
import io.newswatch.ingest.files.ImportReport;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.registry.RegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code newswatch ingest}: publish articles from a folder, feeds or HTTP pushes. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Publish articles to news.articles.raw: import a folder once (--from-dir), or run as a service "
        + "watching a folder, polling feeds and accepting HTTP pushes until Ctrl-C.")
public final class IngestCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--from-dir", description = "Import the article files of this folder once, then exit.")
  Path fromDir;

  @Option(names = "--watch-dir", description = "Watch this folder and import new files as they appear.")
  Path watchDir;

  @Option(names = "--feeds", description = "YAML file listing RSS/Atom feeds to poll.")
  Path feeds;

  @Option(names = "--http-port", description = "Serve POST /articles on this port (0: any free port).")
  Integer httpPort;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = new HashMap<>();
    if (watchDir != null) {
      flags.put(IngestConfig.WATCH_DIR, watchDir.toString());
    }
    if (feeds != null) {
      flags.put(IngestConfig.FEEDS, feeds.toString());
    }
    if (httpPort != null) {
      flags.put(IngestConfig.HTTP_PORT, httpPort.toString());
    }
    Map<String, String> defaults = new HashMap<>(IngestConfig.defaults());
    // A one-shot import registers its schemas like the embedded default does.
    defaults.put(Settings.REGISTRY_AUTO_REGISTER, "true");
    Settings settings = common.settings(defaults).with(flags);
    StartupCheck.managementPort(settings);
    IngestConfig config = StartupCheck.ingest(settings);
    boolean service = config.watchDir() != null || config.feedsFile() != null || config.httpPort() >= 0;
    if (fromDir == null && !service) {
      spec.commandLine().getErr().println("newswatch ingest: nothing to do; give --from-dir, --watch-dir, --feeds or --http-port");
      return 2;
    }
    if (fromDir != null && !Files.isDirectory(fromDir)) {
      throw new IllegalArgumentException("--from-dir " + fromDir + " is not a folder");
    }
    RegistryClient registry = new RegistryClient(settings.registryConfig());
    if (!service) {
      try (IngestService ingest = IngestService.create(config, settings.kafkaProperties(), registry, null)) {
        ImportReport r = ingest.importDirectory(fromDir);
        spec.commandLine().getOut().printf("imported %d articles from %s (%d rejected, %d already imported, %d ignored)%n",
            r.articles(), fromDir, r.rejected(), r.alreadyImported(), r.ignored());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
    try (ServiceLifecycle life = new ServiceLifecycle(settings, spec.commandLine().getErr())) {
      IngestService ingest = life.manage(IngestService.create(config, settings.kafkaProperties(), registry, life.meters()));
      if (fromDir != null) {
        ingest.importDirectory(fromDir);
      }
      ingest.start();
      life.awaitShutdown();
    }
    return 0;
  }
}
