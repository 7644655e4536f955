package io.newswatch.cli;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.tagging.Taxonomy;
import io.newswatch.enrich.tagging.TaxonomyLoader;
import io.newswatch.runtime.KnownKeys;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.serde.AvroJson;
import io.newswatch.sink.SinkConfig;
import io.newswatch.sink.SubscriptionsAdmin;
import io.newswatch.sink.subscription.SubscriptionValidator;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newswatch subscriptions}: adds, lists and removes subscriptions on the compacted subscriptions topic. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true,
    description = "Manage who gets which alerts: records on the compacted topic news.subscriptions, "
        + "picked up live by running sinks.",
    subcommands = {SubscriptionsCommand.Add.class, SubscriptionsCommand.ListSubscriptions.class,
        SubscriptionsCommand.Remove.class})
public final class SubscriptionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("newswatch subscriptions: name a subcommand: add, list or remove");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** {@code newswatch subscriptions add}: adds a subscription or replaces the one with the same id. */
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a subscription, or replace the one with the same id (keeping its creation time); prints it as "
          + "JSON. It receives the alerts raised after it was created, unless --backfill-from asks for older ones.")
  static final class Add implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--id", required = true, description = "Subscription id: letters, digits, '.', '_' or '-'.")
    String id;

    @Option(names = "--channel", required = true, description = "FILE, WEBHOOK, POSTGRES or LIVE.")
    Channel channel;

    @Option(names = "--target", description = "Directory (FILE), http(s) URL (WEBHOOK) or JDBC URL (POSTGRES). "
        + "Default: the delivering sink's own sink.file.dir for FILE, its own database or page for POSTGRES and LIVE.")
    String target;

    @Option(names = "--topics", split = ",", description = "Only alerts of these taxonomy topics, e.g. dmz,deterrence (checked against enrich.taxonomy or the "
        + "built-in taxonomy). Default: all.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--min-severity", defaultValue = "LOW", description = "LOW, MEDIUM, HIGH or CRITICAL (default LOW).")
    Severity minSeverity;

    @Option(names = "--languages", split = ",", description = "Only alerts in these languages, e.g. en,de. Default: all.")
    List<String> languages = new ArrayList<>();

    @Option(names = "--query", description = "Free-text query over title and body, matched by enrich: words and "
        + "\"phrases\" (all must occur), AND, OR, NOT, parentheses; Arabic and English are analyzed like articles. "
        + "Words match whole: no wildcards (write Kursk OR كورسك, not Kur*).")
    String query;

    @Option(names = "--secret-ref", description = "WEBHOOK: environment variable holding the signing secret.")
    String secretRef;

    @Option(names = "--backfill-from", description = "Also deliver alerts raised since this time (ISO instant, date, "
        + "or an age such as 7d), e.g. those a replay re-raises. Without it a subscription receives the alerts raised "
        + "after it was created.")
    String backfillFrom;

    @Option(names = "--updates", description = "Also receive UPDATE alerts of a story already alerted (more outlets "
        + "or languages), each with the story's id and next version. Default: new stories and severity escalations only.")
    boolean updates;

    @Option(names = "--disabled", description = "Add it switched off.")
    boolean disabled;

    @Option(names = "--setting", description = "Free-form key=value kept with the subscription (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() {
      Settings layered = common.settings(SinkConfig.defaults());
      SinkConfig config = SinkConfig.from(layered);
      checkTopics(topics, layered);
      Instant now = Instant.now();
      Instant since = backfillFrom == null ? null
          : ReplayCommand.parseTime(backfillFrom, now, "--backfill-from").truncatedTo(ChronoUnit.MILLIS);
      if (since != null && since.isAfter(now)) {
        throw new IllegalArgumentException("--backfill-from '" + backfillFrom + "' is in the future (" + since
            + "): it asks for older alerts, e.g. 7d or 2025-11-17");
      }
      Subscription subscription = Subscription.newBuilder()
          .setId(id)
          .setChannel(channel)
          .setTarget(target == null ? "" : target)
          .setTopics(topics)
          .setMinSeverity(minSeverity)
          .setLanguages(languages)
          .setQuery(query)
          .setEnabled(!disabled)
          .setUpdates(updates)
          .setSecretRef(secretRef)
          .setSettings(settings)
          .setBackfillFrom(since)
          .build();
      // Checked before connecting, so a typo fails fast with every problem named.
      SubscriptionValidator.validate(subscription);
      if (channel == Channel.FILE) {
        config.fileTargets().problem(subscription.getTarget()).ifPresent(problem -> {
          throw new IllegalArgumentException("subscription " + id + ": target: " + problem);
        });
      }
      Subscription written;
      try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config)) {
        written = admin.subscribe(subscription, Clock.systemUTC());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(AvroJson.toJsonString(written));
      out.flush();
      return 0;
    }
  }

  /**
   * A topic the taxonomy does not have can never match, so a typo would leave the subscription silent
   * forever: it is refused, naming the topics there are ({@code enrich.taxonomy}, or the built-in one).
   */
  private static void checkTopics(List<String> topics, Settings settings) {
    if (topics.isEmpty()) {
      return;
    }
    Taxonomy loaded = settings.has(EnrichConfig.TAXONOMY)
        ? TaxonomyLoader.load(StartupCheck.readable(EnrichConfig.TAXONOMY, settings.getPath(EnrichConfig.TAXONOMY)))
        : TaxonomyLoader.loadDefault();
    List<String> known = loaded.topicIds();
    KnownKeys names = KnownKeys.of(known);
    List<String> problems = new ArrayList<>();
    for (String topic : topics) {
      if (!known.contains(topic)) {
        problems.add("'" + topic + "'" + names.suggest(topic).map(t -> " (did you mean '" + t + "'?)").orElse(""));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("--topics: unknown topic " + String.join(", ", problems) + "; taxonomy "
          + loaded.version() + " has " + String.join(", ", known));
    }
  }

  /** {@code newswatch subscriptions list}: prints the current subscriptions as JSON lines. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Print the current subscriptions, one JSON object per line, sorted by id.")
  static final class ListSubscriptions implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      SinkConfig config = SinkConfig.from(common.settings(SinkConfig.defaults()));
      PrintWriter out = spec.commandLine().getOut();
      try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config)) {
        admin.list().forEach(s -> out.println(AvroJson.toJsonString(s)));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code newswatch subscriptions remove}: deletes a subscription with a tombstone. */
  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove a subscription (writes a tombstone); exits 1 if there is none with that id.")
  static final class Remove implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "The subscription id.")
    String id;

    @Override
    public Integer call() {
      SinkConfig config = SinkConfig.from(common.settings(SinkConfig.defaults()));
      try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config)) {
        if (!admin.remove(id)) {
          spec.commandLine().getErr().println("newswatch subscriptions remove: no subscription '" + id + "' on "
              + config.subscriptionsTopic());
          return 1;
        }
      }
      spec.commandLine().getOut().println("removed " + id);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
