package io.newswatch.ingest.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Parses the publication dates that pages, feeds and JSON carry; zone-less values are taken as UTC. */
public final class Timestamps {

  private static final List<Function<String, Instant>> ISO_FORMATS = List.of(
      s -> OffsetDateTime.parse(s).toInstant(),
      s -> ZonedDateTime.parse(s).toInstant(),
      s -> LocalDateTime.parse(s).toInstant(ZoneOffset.UTC),
      s -> LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));

  private Timestamps() {}

  /** ISO-8601 (with or without offset, date only), RFC 1123, or epoch milliseconds as digits. */
  public static Optional<Instant> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.matches("\\d{10,14}")) {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
    }
    // "2024-11-01 17:24:49" is common in page metadata; ISO wants a T.
    String iso = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
    for (Function<String, Instant> format : ISO_FORMATS) {
      Optional<Instant> parsed = attempt(format, iso);
      if (parsed.isPresent()) {
        return parsed;
      }
    }
    return attempt(s -> ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), v);
  }

  private static Optional<Instant> attempt(Function<String, Instant> format, String value) {
    try {
      return Optional.of(format.apply(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
