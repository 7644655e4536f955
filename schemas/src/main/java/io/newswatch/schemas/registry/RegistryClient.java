package io.newswatch.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client for the Confluent Schema Registry REST API, enough for the serde and for
 * operators: register, look up by id, latest version, compatibility check and subject config.
 *
 * <p>Ids and schemas are cached: a schema id never changes meaning, and registering the same schema
 * under the same subject is idempotent, so both caches are safe to keep for the client's life.
 */
public final class RegistryClient implements SchemaRegistry {
  private static final Logger log = LoggerFactory.getLogger(RegistryClient.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryConfig config;
  private final HttpClient http;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  /** subject -> schema -> id. Keyed by Schema (its hash is cached), not by its JSON: the serializer asks on every record. */
  private final Map<String, Map<Schema, Integer>> idsBySubjectAndSchema = new ConcurrentHashMap<>();

  public RegistryClient(RegistryConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder()
        .connectTimeout(config.requestTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  public RegistryConfig config() {
    return config;
  }

  @Override
  public boolean autoRegister() {
    return config.autoRegister();
  }

  /** A subject's version as the registry returns it. */
  public record SchemaVersion(String subject, int version, int id, Schema schema) {}

  /** The outcome of a compatibility check, with the registry's explanation when incompatible. */
  public record Compatibility(boolean compatible, List<String> messages) {}

  /** Registers the schema under the subject (idempotent) and returns its global id. */
  @Override
  public int register(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode res = call("POST", "/subjects/" + enc(subject) + "/versions", schemaBody(schema), subject);
    int id = res.path("id").asInt(-1);
    if (id < 0) {
      throw new RegistryException.Rejected("registry answered without an id: " + res, 200, -1);
    }
    cacheId(subject, schema, id);
    return id;
  }

  private Integer cachedId(String subject, Schema schema) {
    Map<Schema, Integer> ids = idsBySubjectAndSchema.get(subject);
    return ids == null ? null : ids.get(schema);
  }

  private void cacheId(String subject, Schema schema, int id) {
    idsBySubjectAndSchema.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    schemasById.putIfAbsent(id, schema);
  }

  /** Looks up the id of a schema already registered under the subject, without registering. */
  @Override
  public int lookup(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode res = call("POST", "/subjects/" + enc(subject), schemaBody(schema), subject);
    int id = res.path("id").asInt(-1);
    cacheId(subject, schema, id);
    return id;
  }

  /** The schema with this global id. */
  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode res;
    try {
      res = call("GET", "/schemas/ids/" + id, null, null);
    } catch (RegistryException.NotFound e) {
      throw new RegistryException.UnknownSchemaId(id, e.getMessage());
    }
    Schema schema = new Schema.Parser().parse(res.path("schema").asText());
    schemasById.put(id, schema);
    return schema;
  }

  /** The latest version registered under the subject. */
  public SchemaVersion latest(String subject) {
    JsonNode res = call("GET", "/subjects/" + enc(subject) + "/versions/latest", null, subject);
    Schema schema = new Schema.Parser().parse(res.path("schema").asText());
    int id = res.path("id").asInt();
    schemasById.putIfAbsent(id, schema);
    return new SchemaVersion(res.path("subject").asText(subject), res.path("version").asInt(), id, schema);
  }

  /** All subjects the registry knows. */
  public List<String> subjects() {
    JsonNode res = call("GET", "/subjects", null, null);
    List<String> out = new ArrayList<>();
    res.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Tests the schema against the subject's latest version, under the subject's compatibility level. */
  public Compatibility testCompatibility(String subject, Schema schema) {
    JsonNode res;
    try {
      res = call("POST", "/compatibility/subjects/" + enc(subject) + "/versions/latest?verbose=true",
          schemaBody(schema), subject);
    } catch (RegistryException.NotFound e) {
      // No version yet: anything is compatible with an empty history.
      return new Compatibility(true, List.of());
    }
    List<String> messages = new ArrayList<>();
    res.path("messages").forEach(n -> messages.add(n.asText()));
    return new Compatibility(res.path("is_compatible").asBoolean(false), messages);
  }

  /** Sets the subject's compatibility level (BACKWARD, FORWARD, FULL, NONE, ..._TRANSITIVE). */
  public void setCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    call("PUT", "/config/" + enc(subject), body.toString(), subject);
  }

  /** The subject's compatibility level, falling back to the global level when none is set. */
  public String compatibility(String subject) {
    JsonNode res;
    try {
      res = call("GET", "/config/" + enc(subject) + "?defaultToGlobal=true", null, subject);
    } catch (RegistryException.NotFound e) {
      res = call("GET", "/config", null, null);
    }
    JsonNode level = res.has("compatibilityLevel") ? res.get("compatibilityLevel") : res.get("compatibility");
    return level == null ? "" : level.asText();
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schemaType", "AVRO").put("schema", schema.toString()).toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode call(String method, String path, String body, String subject) {
    URI uri = URI.create(config.url() + path);
    HttpRequest.Builder req = HttpRequest.newBuilder(uri)
        .timeout(config.requestTimeout())
        .header("Accept", CONTENT_TYPE + ", application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      req.header("Content-Type", CONTENT_TYPE);
    }
    if (config.basicAuthUserInfo() != null && !config.basicAuthUserInfo().isEmpty()) {
      req.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8)));
    } else if (config.bearerToken() != null && !config.bearerToken().isEmpty()) {
      req.header("Authorization", "Bearer " + config.bearerToken());
    }
    HttpRequest request = req.build();
    RuntimeException last = null;
    for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
      if (attempt > 0) {
        backoff(attempt);
      }
      HttpResponse<String> res;
      try {
        res = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        last = new RegistryException.Unavailable(
            "schema registry at " + config.url() + " is unreachable (" + method + " " + path + "): " + e, -1, e);
        log.debug("registry call failed, attempt {}", attempt + 1, e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException.Unavailable("interrupted while calling the schema registry", -1, e);
      }
      int status = res.statusCode();
      if (status >= 200 && status < 300) {
        return parse(res.body());
      }
      JsonNode err = parseQuietly(res.body());
      int code = err.path("error_code").asInt(-1);
      String msg = err.path("message").asText(res.body());
      if (status >= 500 || status == 429) {
        last = new RegistryException.Unavailable(
            "schema registry at " + config.url() + " answered " + status + " to " + method + " " + path + ": " + msg, status, null);
        continue;
      }
      if (status == 409) {
        throw new RegistryException.Incompatible(subject, msg);
      }
      if (status == 404) {
        throw new RegistryException.NotFound(method + " " + path + ": " + msg + " (error_code " + code + ")", code);
      }
      if (status == 401 || status == 403) {
        throw new RegistryException.Rejected(
            "schema registry refused the credentials (" + status + "): check " + RegistryConfig.BASIC_AUTH_USER_INFO
                + " or " + RegistryConfig.BEARER_TOKEN, status, code);
      }
      throw new RegistryException.Rejected(
          "schema registry rejected " + method + " " + path + " (" + status + ", error_code " + code + "): " + msg, status, code);
    }
    throw last;
  }

  private void backoff(int attempt) {
    long base = config.retryBackoff().toMillis() * (1L << Math.min(attempt - 1, 6));
    long jitter = ThreadLocalRandom.current().nextLong(base / 2 + 1);
    try {
      Thread.sleep(base + jitter);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new RegistryException.Rejected("schema registry answered with invalid JSON: " + abbreviate(body), 200, -1);
    }
  }

  private static JsonNode parseQuietly(String body) {
    try {
      return JSON.readTree(body == null ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", abbreviate(body));
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
