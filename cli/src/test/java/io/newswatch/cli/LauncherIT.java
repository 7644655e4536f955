package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./newswatch} launcher as a user runs it, on the jar this build packaged: a command prints
 * what it has to say and nothing else, in particular not the JVM's "Using incubator modules" warning
 * that opened the output of every command. The launcher no longer adds {@code jdk.incubator.vector}:
 * nothing newswatch runs loads Lucene's vectorized code, and should that change, Lucene's note about the
 * missing module fails this test too.
 */
class LauncherIT {
  private static final Path ROOT = Path.of(System.getProperty("newswatch.repo.root", ".."));

  @TempDir
  Path tmp;

  @Test
  void shouldPrintNoJvmOrLuceneWarningsWhenACommandRuns() throws Exception {
    Result version = launch("--version");
    assertThat(version.code()).as(version.err()).isZero();
    assertThat(version.out()).contains("newswatch 0.1.0");
    assertThat(version.err()).isEmpty();

    // tag runs Lucene's analyzers and the tagger.
    Result tag = launch("tag", ROOT.resolve("samples/seeds/000_453ad6d33d7d31e1.txt").toString());
    assertThat(tag.code()).as(tag.err()).isZero();
    assertThat(tag.out()).contains("\"topic\":\"dmz\"");
    assertThat(tag.err()).doesNotContain("WARNING").doesNotContainIgnoringCase("incubator")
        .doesNotContainIgnoringCase("vector");
  }

  @Test
  void shouldPassItsJitFlagsUnlessTurnedOffOrReplaced() throws Exception {
    // -XX:+PrintFlagsFinal prints every flag with its origin before the command runs.
    java.util.Map<String, String> flags = new java.util.HashMap<>(java.util.Map.of(
        "NEWSWATCH_JAVA_OPTS", "-Xmx256m -XX:+PrintFlagsFinal"));
    assertThat(flag(launch(flags, "--version"), "FreqInlineSize")).contains("= 150").contains("{command line}");
    assertThat(flag(launch(flags, "--version"), "InlineSmallCode")).contains("= 1000").contains("{command line}");

    flags.put("NEWSWATCH_JIT_OPTS", "");
    assertThat(flag(launch(flags, "--version"), "FreqInlineSize")).doesNotContain("{command line}");
    assertThat(flag(launch(flags, "--version"), "InlineSmallCode")).doesNotContain("{command line}");

    flags.put("NEWSWATCH_JIT_OPTS", "-XX:FreqInlineSize=200");
    Result replaced = launch(flags, "--version");
    assertThat(flag(replaced, "FreqInlineSize")).contains("= 200").contains("{command line}");
    assertThat(flag(replaced, "InlineSmallCode")).doesNotContain("{command line}");
    assertThat(replaced.out()).contains("newswatch 0.1.0");
  }

  /** The line of -XX:+PrintFlagsFinal's table for one flag. */
  private static String flag(Result result, String name) {
    assertThat(result.code()).as(result.err()).isZero();
    return result.out().lines().filter(l -> l.matches("\\s*\\S+\\s+" + name + "\\s+=.*")).findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in the JVM's flags: " + result.out()));
  }

  private Result launch(String... args) throws IOException, InterruptedException {
    return launch(java.util.Map.of(), args);
  }

  private Result launch(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", ROOT.resolve("newswatch").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(tmp.resolve("out").toFile())
        .redirectError(tmp.resolve("err").toFile());
    // The build already packaged the jar this test runs; the launcher must not rebuild it.
    pb.environment().put("NEWSWATCH_SKIP_BUILD", "1");
    pb.environment().remove("NEWSWATCH_JIT_OPTS");
    pb.environment().remove("NEWSWATCH_JAVA_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher returned").isTrue();
    return new Result(p.exitValue(), Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8));
  }

  private record Result(int code, String out, String err) {}
}
