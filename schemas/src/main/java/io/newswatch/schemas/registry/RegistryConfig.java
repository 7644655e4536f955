package io.newswatch.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a Confluent-API schema registry: URL, credentials, timeouts, retries and whether
 * producers may register new schemas.
 *
 * <p>Keys follow Confluent's serializer config names so existing client configs carry over.
 */
public record RegistryConfig(
    URI url,
    String basicAuthUserInfo,
    String bearerToken,
    Duration requestTimeout,
    int maxRetries,
    Duration retryBackoff,
    boolean autoRegister) {

  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String BEARER_TOKEN = "schema.registry.bearer.auth.token";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String MAX_RETRIES = "schema.registry.max.retries";
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
  public static final String AUTO_REGISTER = "auto.register.schemas";

  public RegistryConfig {
    Objects.requireNonNull(url, URL + " is required, e.g. http://localhost:8081/apis/ccompat/v7");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          URL + " must be an http(s) URL, got '" + url + "'");
    }
    if (basicAuthUserInfo != null && !basicAuthUserInfo.isEmpty() && !basicAuthUserInfo.contains(":")) {
      throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " must be 'user:password'");
    }
    if (basicAuthUserInfo != null && !basicAuthUserInfo.isEmpty() && bearerToken != null && !bearerToken.isEmpty()) {
      throw new IllegalArgumentException(
          "set either " + BASIC_AUTH_USER_INFO + " or " + BEARER_TOKEN + ", not both");
    }
    Objects.requireNonNull(requestTimeout, REQUEST_TIMEOUT_MS);
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException(REQUEST_TIMEOUT_MS + " must be > 0");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException(MAX_RETRIES + " must be >= 0, got " + maxRetries);
    }
    Objects.requireNonNull(retryBackoff, RETRY_BACKOFF_MS);
    // A trailing slash would produce '//subjects' paths that some registries reject.
    String s = url.toString();
    if (s.endsWith("/")) {
      url = URI.create(s.substring(0, s.length() - 1));
    }
  }

  /** A config with defaults for everything but the URL: 10 s timeout, 3 retries, auto-register on. */
  public static RegistryConfig of(String url) {
    return new RegistryConfig(URI.create(url), null, null, Duration.ofSeconds(10), 3, Duration.ofMillis(200), true);
  }

  /** Builds a config from Kafka-style client properties; unknown keys are ignored. */
  public static RegistryConfig fromMap(Map<String, ?> props) {
    Object url = props.get(URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException(URL + " is required, e.g. http://localhost:8081/apis/ccompat/v7");
    }
    return new RegistryConfig(
        URI.create(url.toString().trim()),
        str(props.get(BASIC_AUTH_USER_INFO)),
        str(props.get(BEARER_TOKEN)),
        Duration.ofMillis(num(props, REQUEST_TIMEOUT_MS, 10_000)),
        (int) num(props, MAX_RETRIES, 3),
        Duration.ofMillis(num(props, RETRY_BACKOFF_MS, 200)),
        bool(props.get(AUTO_REGISTER), true));
  }

  public RegistryConfig withAutoRegister(boolean on) {
    return new RegistryConfig(url, basicAuthUserInfo, bearerToken, requestTimeout, maxRetries, retryBackoff, on);
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static long num(Map<String, ?> props, String key, long dflt) {
    Object o = props.get(key);
    if (o == null) {
      return dflt;
    }
    try {
      return Long.parseLong(o.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, got '" + o + "'", e);
    }
  }

  private static boolean bool(Object o, boolean dflt) {
    return o == null ? dflt : Boolean.parseBoolean(o.toString().trim());
  }

  /** Never print credentials. */
  @Override
  public String toString() {
    return "RegistryConfig[url=" + url + ", auth=" + (basicAuthUserInfo != null ? "basic" : bearerToken != null ? "bearer" : "none")
        + ", autoRegister=" + autoRegister + "]";
  }
}
