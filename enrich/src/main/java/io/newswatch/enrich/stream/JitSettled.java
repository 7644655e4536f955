package io.newswatch.enrich.stream;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Whether this JVM's JIT compilers have settled: in the last window of {@link #WINDOW_MS} they
 * compiled for at most {@link #MAX_COMPILE_SHARE} of its wall time. Once true, it stays true.
 *
 * <p>Why the {@link TagAheadReader} waits for it: on 2 cores a fresh process spends a quarter of its
 * CPU in the C2 compiler for its first minute. Work that runs ahead then takes the cores from the
 * compiler and the stream thread: the code stays interpreted longer, every article costs more CPU,
 * and a 20,000-article backfill measured a third slower with the reader than without it. Once the
 * hot code is compiled, the reader's lead is what keeps both cores busy.
 */
final class JitSettled implements TagAheadReader.Gate {
  static final long WINDOW_MS = 2_000;
  /** Compile time per wall time in a window; a warming process measured 0.5-0.7 on 2 cores. */
  static final double MAX_COMPILE_SHARE = 0.15;

  private final LongSupplier compileMs;
  private final LongSupplier nowMs;
  private long windowStartMs = -1;
  private long windowStartCompileMs;
  private double lastShare = Double.NaN;
  private volatile boolean settled;

  /**
   * @param compileMs accumulated compile time in milliseconds (as {@link
   *     CompilationMXBean#getTotalCompilationTime})
   */
  JitSettled(LongSupplier compileMs, LongSupplier nowMs) {
    this.compileMs = compileMs;
    this.nowMs = nowMs;
  }

  /** For this JVM; always settled when it does not report compile time. */
  static TagAheadReader.Gate ofThisJvm() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return () -> true;
    }
    return new JitSettled(jit::getTotalCompilationTime, System::currentTimeMillis);
  }

  /**
   * Called while there is work: a JVM with nothing to do compiles nothing, and a window measured
   * then (during start-up, or a live service waiting for its first backlog) says nothing about the
   * code the work will run. Not thread-safe until settled: one thread (the reader's) asks.
   */
  @Override
  public boolean open() {
    if (settled) {
      return true;
    }
    long now = nowMs.getAsLong();
    long compiled = compileMs.getAsLong();
    if (windowStartMs < 0) {
      windowStartMs = now;
      windowStartCompileMs = compiled;
      return false;
    }
    long wall = now - windowStartMs;
    if (wall < WINDOW_MS) {
      return false;
    }
    lastShare = (double) (compiled - windowStartCompileMs) / wall;
    windowStartMs = now;
    windowStartCompileMs = compiled;
    settled = lastShare <= MAX_COMPILE_SHARE;
    return settled;
  }

  /** No work now: the window under way does not count, the next one starts with the work. */
  @Override
  public void idle() {
    if (!settled) {
      windowStartMs = -1;
    }
  }

  /** The compile share of the last full window, NaN before one. */
  double lastShare() {
    return lastShare;
  }
}
