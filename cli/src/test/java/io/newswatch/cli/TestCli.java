package io.newswatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the newswatch command line in-process and captures what it printed. */
final class TestCli {

  /** What one run printed and returned. */
  record Run(int code, String out, String err) {}

  private TestCli() {}

  static Run run(String... args) {
    CommandLine cl = NewswatchCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
