package io.newswatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/** Runs the newswatch command line in-process and captures what it printed. */
final class TestCli {

  /** What one run printed and returned. */
  record Run(int code, String out, String err) {}

  /** A run in progress on its own thread; what it has printed so far can be read while it runs. */
  record Live(StringWriter out, StringWriter err, CompletableFuture<Integer> code) {
    /** Everything printed to stdout so far. */
    String outSoFar() {
      return out.toString();
    }

    /** Waits for the command to return. */
    Run join() {
      int c = code.join();
      return new Run(c, out.toString(), err.toString());
    }
  }

  private TestCli() {}

  static Run run(String... args) {
    return start(args).join();
  }

  /** Starts the command on another thread; its output goes to StringWriters that tests can poll. */
  static Live start(String... args) {
    CommandLine cl = NewswatchCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // PrintWriter over a StringWriter has no buffer of its own: what is printed is readable at once.
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    CompletableFuture<Integer> code = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        code.complete(cl.execute(args));
      } catch (Throwable e) {
        code.completeExceptionally(e);
      }
    }, "test-cli-" + args[0]);
    t.start();
    return new Live(out, err, code);
  }
}
