package io.newswatch.cli;

import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.TagRole;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.sink.AlertHistory;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.SinkConfig;
import io.newswatch.sink.live.StoryJson;
import io.newswatch.sink.live.StoryView;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newswatch stories}: the desk's stories read back from the alerts topic, per topic, and one
 * story with its articles; {@code --json} prints what the live page's {@code /api/stories} and
 * {@code /api/stories/ID} serve.
 */
@Command(name = "stories", mixinStandardHelpOptions = true,
    description = "List recent stories per topic from the alerts topic (one line per story at its latest version), "
        + "or show one story's topics and articles with `stories show ID`. --json prints the live page's JSON.",
    subcommands = StoriesCommand.Show.class)
public final class StoriesCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--topic", description = "Only this topic's stories.")
  String topic;

  @Option(names = "--since", defaultValue = "48h", description = "Read alerts written this far back (default: ${DEFAULT-VALUE}, the story window).")
  String since;

  @Option(names = "--limit", defaultValue = "20", description = "Stories per topic, newest first (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the stories as a JSON array (the shape of /api/stories).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (limit < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
    }
    StoryView view = read(common, since);
    PrintWriter out = spec.commandLine().getOut();
    Map<String, List<Alert>> byTopic = new TreeMap<>();
    for (Alert story : view.stories()) {
      if (story.getKind() != AlertKind.SURGE && (topic == null || topic.equals(story.getTopic()))) {
        List<Alert> stories = byTopic.computeIfAbsent(story.getTopic(), t -> new ArrayList<>());
        if (stories.size() < limit) {
          stories.add(story);
        }
      }
    }
    if (json) {
      out.println(AlertJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
          StoryJson.stories(byTopic.values().stream().flatMap(List::stream).toList())));
    } else if (byTopic.isEmpty()) {
      out.println("No stories in the alerts of the last " + since + (topic == null ? "" : " on topic " + topic) + ".");
    } else {
      byTopic.forEach((t, stories) -> {
        out.println(t + " (" + stories.size() + (stories.size() == 1 ? " story" : " stories") + ", newest first)");
        stories.forEach(s -> out.println("  " + line(s)));
      });
    }
    out.flush();
    return 0;
  }

  /** One story: its topics with their roles, then its articles in event-time order. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one story: its topics with their roles and versions, and its articles in event-time order.")
  static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "The story id (storyId of its alerts, first column of `newswatch stories`).")
    String storyId;

    @Option(names = "--since", defaultValue = "7d", description = "Read alerts written this far back (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--json", description = "Print the story as JSON (the shape of /api/stories/ID).")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Optional<StoryView.Story> found = read(common, since).story(storyId);
      PrintWriter out = spec.commandLine().getOut();
      if (found.isEmpty()) {
        spec.commandLine().getErr().println("newswatch stories: no story '" + storyId + "' in the alerts of the last "
            + since + "; look further back with --since 30d");
        return 1;
      }
      StoryView.Story story = found.get();
      if (json) {
        out.println(AlertJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(StoryJson.story(story)));
        out.flush();
        return 0;
      }
      Alert lead = story.topics().get(0);
      out.println("story " + story.storyId() + ": " + StoryView.headline(lead));
      List<String> topics = new ArrayList<>();
      for (Alert t : story.topics()) {
        topics.add(t.getTopic() + " (" + (role(t).isEmpty() ? "" : role(t) + ", ") + t.getSeverity() + ", v"
            + t.getStoryVersion() + ")");
      }
      out.println("  topics: " + String.join(", ", topics));
      Set<String> outlets = new LinkedHashSet<>();
      story.articles().forEach(a -> outlets.add(a.source()));
      outlets.addAll(lead.getAlsoReportedBy());
      outlets.add(lead.getSource());
      out.println("  " + lead.getStoryArticles() + " articles, " + outlets.size() + " outlets ("
          + String.join(", ", outlets) + "), languages " + String.join(", ", lead.getStoryLanguages())
          + "; first seen " + TIME.format(lead.getFirstSeen()) + ", last seen " + TIME.format(lead.getLastSeen()) + " UTC");
      out.println("  articles:");
      for (StoryView.StoryArticle a : story.articles()) {
        out.println("    " + TIME.format(a.at()) + "  " + a.lang() + "  " + a.source() + "  " + a.kind() + " v"
            + a.storyVersion() + "  " + (a.title().isBlank() ? "(no headline)" : a.title())
            + (a.url() == null ? "" : "  " + a.url()));
      }
      out.flush();
      return 0;
    }
  }

  /** Every alert written in the last {@code since} on the sink's alerts topic, merged into stories. */
  static StoryView read(CommonOptions common, String since) {
    Duration back = Settings.of(Map.of("since", since)).getDuration("since");
    SinkConfig config = SinkConfig.from(common.settings(SinkConfig.defaults()));
    RegistryClient registry = new RegistryClient(config.registry());
    StoryView view = new StoryView();
    new AlertHistory(config.kafkaProperties(), config.alertsTopic(),
        Topics.ALERTS.renamed(config.alertsTopic()).valueSerde(registry).deserializer())
        .read(Instant.now().minus(back), config.catchUpTimeout(), view::add);
    return view;
  }

  private static String line(Alert s) {
    return String.join("  ", s.getStoryId().isEmpty() ? s.getAlertId() : s.getStoryId(), s.getSeverity().name(),
        role(s), "v" + s.getStoryVersion(),
        s.getStoryArticles() + (s.getStoryArticles() == 1 ? " article" : " articles"),
        (s.getAlsoReportedBy().size() + 1) + (s.getAlsoReportedBy().isEmpty() ? " outlet" : " outlets"),
        String.join(",", s.getStoryLanguages().isEmpty() ? List.of(s.getLang()) : s.getStoryLanguages()),
        TIME.format(s.getFirstSeen()) + " -> " + TIME.format(s.getLastSeen()), StoryView.headline(s));
  }

  private static String role(Alert a) {
    return a.getRole() == TagRole.UNKNOWN ? "" : a.getRole().name().toLowerCase(Locale.ROOT);
  }
}
