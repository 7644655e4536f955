package io.newswatch.runtime;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes values that came from outside (file names, feed titles, URLs, request fields) safe to log.
 *
 * <p>A newline in a file name or a feed title would otherwise start a forged log line ("log
 * forging"), and a bidi override could make a line read differently from what it says. {@link
 * #of(String)} escapes every control character, the Unicode line and paragraph separators and the
 * bidi controls as visible escapes ({@code \n}, {@code \u202E}), and cuts very long values; {@link
 * #url(String)} also masks credentials written into a URL ({@code user:password@}, {@code ?token=}).
 */
public final class LogSafe {

  /** Longer values are cut: a log line is for a human, and an attacker must not flood the log. */
  public static final int MAX_CHARS = 1_000;
  private static final String MASK = "***";
  /** {@code scheme://user:pass@} or {@code scheme://user@}; the user name may hint at the secret, so both go. */
  private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#@\\s]*@");
  /** Query or fragment parameters whose name says they carry a secret. */
  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)([?&#;](?:[a-z0-9]+[_.-])*(?:token|secret|password|passwd|pwd|apikey|key|sig|signature|auth"
          + "|credentials?|session|sessionid)=)[^&#;\\s]*");

  private LogSafe() {}

  /** {@code value} with control, separator and bidi characters escaped and cut at {@link #MAX_CHARS}; "null" for null. */
  public static String of(String value) {
    if (value == null) {
      return "null";
    }
    int length = Math.min(value.length(), MAX_CHARS);
    StringBuilder sb = null;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      String escape = escape(c);
      if (escape != null && sb == null) {
        sb = new StringBuilder(length + 16).append(value, 0, i);
      }
      if (sb != null) {
        if (escape != null) {
          sb.append(escape);
        } else {
          sb.append(c);
        }
      }
    }
    String out = sb == null ? value.substring(0, length) : sb.toString();
    return value.length() > MAX_CHARS ? out + "...(" + value.length() + " chars)" : out;
  }

  /** {@link #of(String)} of {@code String.valueOf(value)}, for URIs, paths and other objects that came from outside. */
  public static String of(Object value) {
    return of(value == null ? null : value.toString());
  }

  /** A URL for logs and messages: credentials masked ({@code https://***@host/?token=***}), then {@link #of(String)}. */
  public static String url(String url) {
    return of(maskCredentials(url));
  }

  /** {@link #url(String)} of {@code String.valueOf(url)}. */
  public static String url(Object url) {
    return url(url == null ? null : url.toString());
  }

  /**
   * Credentials inside URLs masked wherever they appear in {@code text} (a URL alone, or an error message
   * that quotes one); nothing else changed, so the result can be stored (dead letters, feed state).
   */
  public static String maskCredentials(String text) {
    if (text == null) {
      return null;
    }
    String masked = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    return SECRET_PARAM.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
  }

  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    int type = Character.getType(c);
    boolean bidiControl = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || bidiControl) {
      return String.format(Locale.ROOT, "\\u%04X", (int) c);
    }
    return null;
  }
}
