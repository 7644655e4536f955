package io.newswatch.schemas.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema registry call failed. Subclasses say why, so callers and dead-letter records can tell a
 * down registry from a bad schema.
 */
public class RegistryException extends SerializationException {
  private final int httpStatus;
  private final int errorCode;

  public RegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The HTTP status, or -1 when the registry never answered. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's error_code, or -1. */
  public int errorCode() {
    return errorCode;
  }

  /**
   * Whether a failure, or any of its causes, is the registry being unreachable: a condition of the
   * platform, not of the record, so callers retry rather than dead-letter.
   */
  public static boolean isUnavailable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Unavailable) {
        return true;
      }
    }
    return false;
  }

  /** The registry could not be reached (connection refused, timeout, 5xx after retries). */
  public static final class Unavailable extends RegistryException {
    public Unavailable(String message, int httpStatus, Throwable cause) {
      super(message, httpStatus, -1, cause);
    }
  }

  /** No schema is registered under that id (error_code 40403). */
  public static final class UnknownSchemaId extends RegistryException {
    public UnknownSchemaId(int id, String registryMessage) {
      super("schema id " + id + " is unknown to the registry: " + registryMessage, 404, 40403, null);
    }
  }

  /** The subject or version does not exist (error_code 40401 / 40402). */
  public static final class NotFound extends RegistryException {
    public NotFound(String message, int errorCode) {
      super(message, 404, errorCode, null);
    }
  }

  /** The registry refused the schema as incompatible with the subject's history (409). */
  public static final class Incompatible extends RegistryException {
    public Incompatible(String subject, String registryMessage) {
      super("schema is incompatible with subject '" + subject + "': " + registryMessage, 409, 409, null);
    }
  }

  /** The registry rejected the request, e.g. an invalid schema (422) or bad credentials (401/403). */
  public static final class Rejected extends RegistryException {
    public Rejected(String message, int httpStatus, int errorCode) {
      super(message, httpStatus, errorCode, null);
    }
  }
}
