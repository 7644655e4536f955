package io.newswatch.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time (not wall time) of the threads of one stage, picked by thread name, between a start and
 * a read. A thread that ended before the read is not counted, so read while the stage's threads are
 * alive. Native threads (RocksDB's compactions, the JVM's GC and JIT) have no Java name and are never
 * counted here; the process total covers them.
 */
public final class ThreadCpu {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private final Predicate<String> names;
  private final Map<Long, Long> start;

  private ThreadCpu(Predicate<String> names) {
    this.names = names;
    this.start = snapshot(names);
  }

  /** Starts counting the CPU time of the threads whose name passes {@code names}, live now or started later. */
  public static ThreadCpu start(Predicate<String> names) {
    return new ThreadCpu(names);
  }

  /** CPU nanoseconds the stage's live threads used since {@link #start}. */
  public long nanos() {
    long total = 0;
    for (var e : snapshot(names).entrySet()) {
      total += e.getValue() - start.getOrDefault(e.getKey(), 0L);
    }
    return total;
  }

  /** The CPU nanoseconds of the calling thread since it began. */
  public static long currentThreadNanos() {
    return MX.getCurrentThreadCpuTime();
  }

  /** The CPU nanoseconds of every live named thread, by name (for finding which thread is whose). */
  public static Map<String, Long> all() {
    Map<String, Long> byName = new HashMap<>();
    for (ThreadInfo t : MX.getThreadInfo(MX.getAllThreadIds())) {
      if (t != null) {
        long cpu = MX.getThreadCpuTime(t.getThreadId());
        if (cpu > 0) {
          byName.merge(t.getThreadName(), cpu, Long::sum);
        }
      }
    }
    return byName;
  }

  private static Map<Long, Long> snapshot(Predicate<String> names) {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo t : MX.getThreadInfo(MX.getAllThreadIds())) {
      if (t != null && names.test(t.getThreadName())) {
        long n = MX.getThreadCpuTime(t.getThreadId());
        if (n >= 0) {
          cpu.put(t.getThreadId(), n);
        }
      }
    }
    return cpu;
  }
}
