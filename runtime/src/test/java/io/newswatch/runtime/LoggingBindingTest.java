package io.newswatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Kafka pins SLF4J 1.7; a binding mismatch silently drops every log line. This catches it. */
class LoggingBindingTest {

  @Test
  void shouldBindSlf4jToLog4jWhenOnTheClassPath() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("org.apache.logging.slf4j");
  }
}
