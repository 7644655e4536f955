package io.newswatch.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM on the same JDK as ours, with its output in a log file and a watchdog agent that ends
 * it when we die. Stopping sends SIGTERM, waits, then kills.
 */
public final class ChildProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** The environment variable with the launcher's JIT flags (see {@code ./newswatch}). */
  public static final String JIT_OPTS_ENV = "NEWSWATCH_JIT_OPTS";

  /**
   * The launcher's JIT flags, for child JVMs that run the pipeline's own code (more enrich instances in
   * the bench): empty when the variable is unset or blank, as when the CLI runs without the launcher.
   * The embedded broker keeps the JVM's defaults (the same flags gave it no measurable gain).
   */
  public static List<String> jitOptions() {
    return jitOptions(System.getenv(JIT_OPTS_ENV));
  }

  static List<String> jitOptions(String value) {
    return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
  }

  /**
   * Starts {@code java <jvmArgs> <mainArgs>} in {@code workDir}.
   *
   * @param jvmArgs options before the main class or {@code -jar}
   * @param mainArgs the main class or {@code -jar x.jar}, then its arguments
   */
  public static ChildProcess start(String name, Path workDir, Path logFile, List<String> jvmArgs, List<String> mainArgs)
      throws IOException {
    Files.createDirectories(workDir);
    Files.createDirectories(logFile.getParent());
    Path agent = ParentWatchdog.writeAgentJar(logFile.getParent());
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.add("-javaagent:" + agent + "=" + ProcessHandle.current().pid());
    cmd.addAll(jvmArgs);
    cmd.addAll(mainArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.start();
    log.info("started {} (pid {}), log: {}", name, p.pid(), logFile);
    return new ChildProcess(name, p, logFile);
  }

  /** The java binary of the running JVM, so children get the same JDK 21+. */
  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  /** Fails with the tail of the child's log when it has died, so a start failure explains itself. */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; last log lines:\n" + tail(30));
    }
  }

  /** The last lines of the child's log. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, java.nio.charset.StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL after the grace period. */
  public void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} did not stop within {}; killing it", name, grace);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    log.info("stopped {}", name);
  }

  /** Kills the child at once, as a crash would. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(20));
  }
}
