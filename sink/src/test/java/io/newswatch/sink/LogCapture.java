package io.newswatch.sink;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Records every log line (message and stack trace) of a logger and its children at TRACE. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

  private final List<String> lines = new ArrayList<>();
  private final String loggerName;

  private LogCapture(String loggerName) {
    super("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
    this.loggerName = loggerName;
  }

  /** Starts capturing {@code loggerName} (e.g. "io.newswatch") at TRACE. */
  public static LogCapture start(String loggerName) {
    LogCapture capture = new LogCapture(loggerName);
    capture.start();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = ctx.getConfiguration();
    cfg.addAppender(capture);
    LoggerConfig logger = new LoggerConfig(loggerName, Level.TRACE, false);
    logger.addAppender(capture, Level.TRACE, null);
    cfg.addLogger(loggerName, logger);
    ctx.updateLoggers();
    return capture;
  }

  @Override
  public void append(LogEvent event) {
    StringBuilder text = new StringBuilder(event.getMessage().getFormattedMessage());
    if (event.getThrown() != null) {
      StringWriter trace = new StringWriter();
      event.getThrown().printStackTrace(new PrintWriter(trace));
      text.append('\n').append(trace);
    }
    synchronized (lines) {
      lines.add(text.toString());
    }
  }

  /** Everything captured so far. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = ctx.getConfiguration();
    cfg.removeLogger(loggerName);
    ctx.updateLoggers();
    stop();
  }
}
