package io.newswatch.cli.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Process-wide meters of this JVM and of a child process: CPU, GC, heap after a full GC, resident memory. */
public final class JvmMeters {
  private JvmMeters() {}

  /** Collections and milliseconds spent in them so far, over every collector of this JVM. */
  public record Gc(long collections, long millis) {
    /** Now. */
    public static Gc now() {
      long n = 0;
      long ms = 0;
      for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
        n += Math.max(0, b.getCollectionCount());
        ms += Math.max(0, b.getCollectionTime());
      }
      return new Gc(n, ms);
    }

    /** What happened between {@code earlier} and this. */
    public Gc since(Gc earlier) {
      return new Gc(collections - earlier.collections, millis - earlier.millis);
    }
  }

  /** CPU nanoseconds this JVM has used, every thread included (GC, JIT, native). */
  public static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * Milliseconds this JVM's JIT compilers have spent compiling since it started, or -1 when the
   * JVM does not tell (the compiler threads' time, roughly their CPU on a busy machine).
   */
  public static long compileMillis() {
    var jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
  }

  /** CPU nanoseconds another process has used, or -1 when the OS does not tell. */
  public static long processCpuNanos(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
  }

  /** Heap bytes in use right after a full collection. */
  public static long heapAfterFullGc() {
    // G1 runs System.gc() as a full, stop-the-world collection (unless ExplicitGCInvokesConcurrent).
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Committed heap bytes. */
  public static long heapCommitted() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
  }

  /** Resident set size of this process in bytes (Linux), for the memory the heap figure does not see (RocksDB). */
  public static Optional<Long> residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
