package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Configuration is checked before anything starts: each of these fails within a few seconds with
 * exit code 2 and a message naming what to fix, without starting the broker or connecting anywhere
 * (the unreachable bootstrap address 127.0.0.1:1 would hang or fail differently if they did).
 */
class ConfigCheckTest {
  private static final Duration FAST = Duration.ofSeconds(10);

  @TempDir
  Path data;

  @Test
  void shouldFailAtOnceWhenTheFeedsFileOfRunIsMissing() {
    Timed run = timed("run", "--until-idle", "--feeds", data.resolve("missing.yaml").toString(), "--data-dir",
        data.toString());

    assertThat(run.result().code()).isEqualTo(2);
    assertThat(run.result().err()).contains("ingest.feeds").contains("missing.yaml").contains("does not exist");
    assertThat(run.result().out()).doesNotContain("starting the embedded");
    assertThat(run.took()).isLessThan(FAST);
  }

  @Test
  void shouldFailAtOnceWhenTheFeedsFileOfRunHasAnUnknownKey() {
    Timed run = timed("run", "--until-idle", "--feeds", resource("config/feeds-typo.yaml"), "--data-dir",
        data.toString());

    assertThat(run.result().code()).isEqualTo(2);
    assertThat(run.result().err()).contains("ingest.feeds").contains("intervall");
    assertThat(run.took()).isLessThan(FAST);
  }

  @Test
  void shouldSuggestTheKeyWhenRunGetsAMisspelledSetting() {
    Timed run = timed("run", "--until-idle", "--data-dir", data.toString(), "--set", "sink.live.prot=9999");

    assertThat(run.result().code()).isEqualTo(2);
    assertThat(run.result().err()).contains("'sink.live.prot'").contains("did you mean 'sink.live.port'?");
    assertThat(run.result().out()).doesNotContain("starting the embedded");
  }

  @Test
  void shouldNameTheKeyBeforeStartingWhenRunGetsABadValue() {
    Timed run = timed("run", "--until-idle", "--data-dir", data.toString(), "--set", "enrich.commit-interval=fast");

    assertThat(run.result().code()).isEqualTo(2);
    assertThat(run.result().err()).contains("'enrich.commit-interval'").contains("fast");
    assertThat(run.result().out()).doesNotContain("starting the embedded");
    assertThat(run.took()).isLessThan(FAST);
  }

  @Test
  void shouldNameTheKafkaKeyBeforeStartingWhenTheClientsWouldRejectItsValue() {
    Timed run = timed("run", "--until-idle", "--data-dir", data.toString(), "--set", "kafka.acks=some");

    assertThat(run.result().code()).isEqualTo(2);
    assertThat(run.result().err()).contains("'kafka.acks'").contains("some");
    assertThat(run.result().out()).doesNotContain("starting the embedded");
  }

  @Test
  void shouldRejectAMisspelledKeyInEveryServiceCommand() {
    for (String command : List.of("enrich", "sink", "ingest", "tail", "replay")) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      if (command.equals("tail")) {
        args.add("news.alerts");
      }
      if (command.equals("replay")) {
        args.addAll(List.of("--from", "24h"));
      }
      if (command.equals("ingest")) {
        args.addAll(List.of("--from-dir", data.toString()));
      }
      args.addAll(List.of("--bootstrap-servers", "127.0.0.1:1", "--set", "registry.auto-registr=true"));
      TestCli.Run run = TestCli.run(args.toArray(String[]::new));

      assertThat(run.code()).as(command + ": " + run.err()).isEqualTo(2);
      assertThat(run.err()).as(command).contains("did you mean 'registry.auto-register'?");
    }
  }

  @Test
  void shouldCheckBenchOverridesBeforeStartingThePlatform() {
    Timed run = timed("bench", "--articles", "10", "--set", "enrich.comit-interval=50ms");

    assertThat(run.result().code()).isEqualTo(2);
    assertThat(run.result().err()).contains("did you mean 'enrich.commit-interval'?");
    assertThat(run.took()).isLessThan(FAST);
  }

  @Test
  void shouldNameTheKeyBeforeConnectingWhenEnrichsStateFolderOrApplicationIdCannotBeUsed() {
    // /proc refuses new folders even to root, for whom it reads as writable.
    Timed folder = timed("enrich", "--bootstrap-servers", "127.0.0.1:1", "--set",
        "enrich.state.dir=/proc/newswatch-no-such/streams");
    assertThat(folder.result().code()).isEqualTo(2);
    assertThat(folder.result().err()).contains("enrich.state.dir");
    assertThat(folder.took()).isLessThan(FAST);

    Timed id = timed("enrich", "--bootstrap-servers", "127.0.0.1:1", "--set", "enrich.application-id=bad id/with*chars",
        "--set", "enrich.state.dir=" + data.resolve("streams"));
    assertThat(id.result().code()).isEqualTo(2);
    assertThat(id.result().err()).contains("enrich.application-id").contains("letters, digits");
    assertThat(id.took()).isLessThan(FAST);
  }

  @Test
  void shouldFailNamingTheFileWhenTagIsGivenAMissingFile() {
    TestCli.Run run = TestCli.run("tag", data.resolve("missing.txt").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("missing.txt");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void shouldRefuseAnUnknownTopicWhenAddingASubscription() {
    TestCli.Run run = TestCli.run("subscriptions", "add", "--id", "x", "--channel", "file", "--topics", "dmz,deterence",
        "--bootstrap-servers", "127.0.0.1:1");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("'deterence'").contains("did you mean 'deterrence'?").contains("russia_deployment");
  }

  @Test
  void shouldRefuseABackfillFromTheFutureAndSayWhichEpochIsMeant() {
    TestCli.Run future = TestCli.run("subscriptions", "add", "--id", "x", "--channel", "file", "--backfill-from",
        "2099-01-01", "--bootstrap-servers", "127.0.0.1:1");
    assertThat(future.code()).isEqualTo(2);
    assertThat(future.err()).contains("--backfill-from '2099-01-01' is in the future");

    TestCli.Run zero = TestCli.run("subscriptions", "add", "--id", "x", "--channel", "file", "--backfill-from", "0",
        "--bootstrap-servers", "127.0.0.1:1");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).contains("epoch millis (10 digits or more)");
  }

  @Test
  void shouldFormatEveryOptionDescriptionWhenHelpIsShown() {
    List<String> broken = new ArrayList<>();
    collect(NewswatchCli.commandLine(), broken);

    assertThat(broken).isEmpty();
    assertThat(TestCli.run("replay", "--help").out()).contains("Print a line per 10% instead");
  }

  /**
   * Picocli formats descriptions with String.format when it renders help; a bare % in one prints
   * "Could not format" on stderr. So every description as written in the annotations must format.
   */
  private static void collect(CommandLine cl, List<String> broken) {
    CommandSpec spec = cl.getCommandSpec();
    List<Object> owners = new ArrayList<>();
    owners.add(spec.userObject());
    spec.mixins().values().forEach(m -> owners.add(m.userObject()));
    for (Object owner : owners) {
      for (Class<?> c = owner.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          Option option = f.getAnnotation(Option.class);
          for (String line : option == null ? new String[0] : option.description()) {
            try {
              String.format(Locale.ROOT, line);
            } catch (RuntimeException e) {
              broken.add(spec.qualifiedName() + " " + f.getName() + ": " + line);
            }
          }
        }
      }
    }
    cl.getSubcommands().values().forEach(sub -> collect(sub, broken));
  }

  private static String resource(String name) {
    return Path.of("src/test/resources", name).toAbsolutePath().toString();
  }

  private static Timed timed(String... args) {
    long t0 = System.nanoTime();
    TestCli.Run r = TestCli.run(args);
    return new Timed(r, Duration.ofNanos(System.nanoTime() - t0));
  }

  private record Timed(TestCli.Run result, Duration took) {}
}
