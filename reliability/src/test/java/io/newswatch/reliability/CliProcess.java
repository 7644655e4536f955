package io.newswatch.reliability;

import io.newswatch.platform.ParentWatchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code newswatch} command run as its own JVM from the CLI jar, the way an operator runs a
 * stage, with stdout and stderr captured to one log file. It carries the platform's watchdog agent,
 * so it exits if the test JVM dies. {@link #kill()} is SIGKILL: no shutdown hook runs.
 */
final class CliProcess implements AutoCloseable {
  /** Extra JVM options for every child, separated by spaces. */
  static final String CHILD_JVM_ARGS = "newswatch.reliability.child-jvm-args";

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;
  private int starts;

  private CliProcess(String name, List<String> command, Map<String, String> env, Path log) {
    this.name = name;
    this.command = command;
    this.env = env;
    this.log = log;
  }

  /**
   * Prepares (does not start) {@code java -jar newswatch-cli.jar <args>}.
   *
   * @param env extra environment variables, e.g. a webhook secret
   */
  static CliProcess of(String name, Path workDir, List<String> args, Map<String, String> env) {
    try {
      Files.createDirectories(workDir);
      Path agent = ParentWatchdog.writeAgentJar(workDir);
      List<String> cmd = new ArrayList<>(List.of(javaBinary(),
          "-javaagent:" + agent + "=" + ProcessHandle.current().pid(),
          "-Xmx768m", "-XX:+UseSerialGC",
          "-Dnewswatch.apicurio.home=" + System.getProperty("newswatch.apicurio.home", "")));
      // For diagnosis, e.g. -Dnewswatch.reliability.child-jvm-args=-Dlog4j2.configurationFile=/tmp/trace.xml
      String extra = System.getProperty(CHILD_JVM_ARGS, "").trim();
      if (!extra.isEmpty()) {
        cmd.addAll(List.of(extra.split("\\s+")));
      }
      cmd.addAll(List.of("-jar", CliJar.path().toString()));
      cmd.addAll(args);
      return new CliProcess(name, List.copyOf(cmd), Map.copyOf(env), workDir.resolve(name + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + name, e);
    }
  }

  /** The JDK of the test JVM, which the build guarantees is 21 or newer. */
  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Starts (or restarts) the process; output is appended to {@link #log()}. */
  synchronized CliProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    try {
      Files.writeString(log, "=== start " + (++starts) + " ===\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().remove("JAVA_TOOL_OPTIONS");
      pb.environment().putAll(env);
      process = pb.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The processes this one started (children and theirs), alive right now. */
  synchronized List<ProcessHandle> descendants() {
    return process == null ? List.of() : process.descendants().toList();
  }

  /** SIGKILL, as a crash or the OOM killer would; waits until the process is gone. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM, then SIGKILL after {@code grace}. */
  synchronized void stop(Duration grace) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!awaitExit(grace)) {
      kill();
    }
  }

  /** Waits for the process to end; its exit code, or -1 if it is still running. */
  int waitFor(Duration timeout) {
    return awaitExit(timeout) ? process.exitValue() : -1;
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  Path log() {
    return log;
  }

  /** Everything the process printed so far, across restarts. */
  String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of the output, for failure messages. */
  String tail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(20));
  }

  @Override
  public String toString() {
    return name;
  }
}
