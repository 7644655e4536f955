package io.newswatch.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A Java agent that makes a child JVM exit when its parent process dies.
 *
 * <p>Shutdown hooks of the parent do not run on SIGKILL or a JVM crash, so a child cannot rely on
 * being told; it watches the parent's pid itself. Exiting through {@code System.exit} runs the
 * child's own hooks, so Kafka and Apicurio still shut down cleanly.
 */
public final class ParentWatchdog {
  private ParentWatchdog() {}

  /** Agent entry point; the argument is the parent's pid. */
  public static void premain(String agentArgs) {
    long pid = Long.parseLong(agentArgs.trim());
    Thread t = new Thread(() -> watch(pid), "newswatch-parent-watchdog");
    t.setDaemon(true);
    t.start();
  }

  private static void watch(long pid) {
    var parent = ProcessHandle.of(pid);
    if (parent.isEmpty() || !parent.get().isAlive()) {
      System.exit(3);
    }
    parent.get().onExit().join();
    System.exit(0);
  }

  /**
   * Writes a tiny agent jar holding only this class, so the agent works whether our own classes
   * come from a jar or from a build directory.
   */
  public static Path writeAgentJar(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path jar = dir.resolve("newswatch-watchdog-agent.jar");
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    mf.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchdog.class.getName());
    String entry = ParentWatchdog.class.getName().replace('.', '/') + ".class";
    Path tmp = Files.createTempFile(dir, "watchdog", ".jar");
    try (OutputStream out = Files.newOutputStream(tmp);
        JarOutputStream jos = new JarOutputStream(out, mf);
        InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(entry)) {
      if (in == null) {
        throw new IOException("cannot read " + entry + " from the class path");
      }
      jos.putNextEntry(new JarEntry(entry));
      in.transferTo(jos);
      jos.closeEntry();
    }
    Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return jar;
  }
}
