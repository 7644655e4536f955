package io.newswatch.cli.bench;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads bench durations the way people write them: {@code 90s}, {@code 2m}, {@code 30m}, {@code 1h} (or ISO {@code PT30M}). */
public final class BenchDurations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String t = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      int i = 0;
      while (i < t.length() && Character.isDigit(t.charAt(i))) {
        i++;
      }
      long n = Long.parseLong(t.substring(0, i));
      Duration d = switch (t.substring(i)) {
        case "s" -> Duration.ofSeconds(n);
        case "m", "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> throw new TypeConversionException("'" + value + "' needs a unit: s, m or h (e.g. 30m)");
      };
      if (d.isZero()) {
        throw new TypeConversionException("'" + value + "' must be longer than zero");
      }
      return d;
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a duration such as 90s, 30m or 1h");
    }
  }
}
