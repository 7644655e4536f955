package io.newswatch.ingest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects the formatted messages logged under {@code io.newswatch} while open, for tests that judge log lines. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

  public final List<String> messages = new CopyOnWriteArrayList<>();
  private final LoggerConfig logger;

  public LogCapture() {
    super("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    logger = config.getRootLogger();
    start();
    logger.addAppender(this, null, null);
    context.updateLoggers();
  }

  @Override
  public void append(LogEvent event) {
    if (event.getLoggerName().startsWith("io.newswatch")) {
      messages.add(event.getMessage().getFormattedMessage());
    }
  }

  @Override
  public void close() {
    logger.removeAppender(getName());
    ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    stop();
  }
}
