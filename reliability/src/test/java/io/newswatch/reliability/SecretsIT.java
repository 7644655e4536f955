package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never reach a log line or an error message. Ingest, enrich and sink run as CLI processes
 * with a webhook signing secret, a push token, Kafka password settings, registry basic auth and a
 * database password, and are driven through their failure paths (a rejected push, a webhook that
 * answers 500 until the delivery is dead-lettered, a command that cannot reach the registry); then
 * everything they printed is searched for the secret values.
 */
@WithPlatform
class SecretsIT {
  private static final Map<String, String> SECRETS = new LinkedHashMap<>();

  static {
    SECRETS.put("webhook signing secret", "whsec-RELIABILITY-5f1d9c");
    SECRETS.put("push token", "pushtok-RELIABILITY-8a2e");
    SECRETS.put("kafka.sasl.jaas.config password", "jaaspw-RELIABILITY-77c3");
    SECRETS.put("kafka.ssl.truststore.password", "trustpw-RELIABILITY-19b0");
    SECRETS.put("kafka.ssl.key.password", "keypw-RELIABILITY-3d2a");
    SECRETS.put("registry.basic-auth password", "regpw-RELIABILITY-c4d1");
    SECRETS.put("PostgreSQL password in sink.postgres.url", "pgpw-RELIABILITY-0e6b");
    SECRETS.put("token in a webhook target's query", "hookqs-RELIABILITY-aa90");
  }

  private static final Pattern PUSH_PORT = Pattern.compile("HTTP push on http://[0-9.]+:(\\d+)/articles");

  @TempDir
  Path dir;

  private final List<CliProcess> processes = new ArrayList<>();
  private Pipeline pipe;
  private WebhookRecorder brokenHook;

  @AfterEach
  void tearDown() throws Exception {
    processes.forEach(CliProcess::close);
    if (brokenHook != null) {
      brokenHook.close();
    }
    if (pipe != null) {
      pipe.dropSchema();
    }
  }

  @Test
  void shouldPrintNoSecretWhenTheStagesRunAndFail(TestPlatform platform) throws Exception {
    pipe = Pipeline.named(platform.uniqueName("secrets"), platform.bootstrapServers(), platform.registryUrl(), dir);
    pipe.createTopics();
    brokenHook = new WebhookRecorder(secret("webhook signing secret"), 500);
    pipe.subscribe(List.of(
        Pipeline.subscription("broken-hook", Channel.WEBHOOK,
            brokenHook.url() + "?token=" + secret("token in a webhook target's query"), PipelineRun.SECRET_REF),
        Pipeline.subscription("all-db", Channel.POSTGRES, "", null)));

    Map<String, String> kafkaSecrets = Map.of(
        "kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" "
            + "password=\"" + secret("kafka.sasl.jaas.config password") + "\";",
        "kafka.ssl.truststore.password", secret("kafka.ssl.truststore.password"),
        "kafka.ssl.key.password", secret("kafka.ssl.key.password"),
        "registry.basic-auth", "newswatch:" + secret("registry.basic-auth password"));
    CliProcess ingest = start(CliProcess.of("ingest", dir, ingestArgs(kafkaSecrets), Map.of()));
    Map<String, String> enrichSettings = new LinkedHashMap<>(kafkaSecrets);
    CliProcess enrich = start(pipe.enrich(enrichSettings));
    Map<String, String> sinkSettings = new LinkedHashMap<>(kafkaSecrets);
    sinkSettings.put("sink.postgres.url", pipe.pgUrl() + "&password=" + secret("PostgreSQL password in sink.postgres.url"));
    sinkSettings.put("sink.webhook.max-attempts", "2");
    CliProcess sink = start(pipe.sink(sinkSettings, Map.of(PipelineRun.SECRET_REF, secret("webhook signing secret"))));

    int port = pushPort(ingest);
    URI push = URI.create("http://127.0.0.1:" + port + "/articles");
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> wrong = http.send(request(push, "Bearer " + secret("push token") + "-but-wrong", "[]"),
          HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain(secret("push token"));
      HttpResponse<String> ok = http.send(request(push, "Bearer " + secret("push token"), articlesJson(8)),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
    }
    TopicTail sinkDlq = TopicTail.follow(pipe.bootstrap(), pipe.sinkDlq());
    try {
      Awaits.progress("a webhook delivery dead-lettered after its retries", Duration.ofMinutes(3), pipe, sink,
          () -> sinkDlq.records() > 0 && Delivered.postgresRows(pipe) > 0);
    } finally {
      sinkDlq.close();
    }
    assertThat(brokenHook.requests()).as("signed POSTs the broken endpoint refused").isPositive();
    assertThat(brokenHook.badSignatures()).isZero();

    // A command that fails at once: the registry it is given does not answer.
    CliProcess failing = CliProcess.of("subscriptions-add", dir, List.of("subscriptions", "add",
        "--bootstrap-servers", pipe.bootstrap(), "--registry-url", "http://127.0.0.1:1/apis/ccompat/v7",
        "--set", "registry.basic-auth=newswatch:" + secret("registry.basic-auth password"),
        "--set", "sink.topic.subscriptions=" + pipe.subscriptions(),
        "--id", "leaky", "--channel", "WEBHOOK", "--secret-ref", PipelineRun.SECRET_REF,
        "--target", "https://hooks.example/x?token=" + secret("token in a webhook target's query")), Map.of());
    processes.add(failing.start());
    assertThat(failing.waitFor(Duration.ofSeconds(90))).as("exit code of the failing command").isNotZero().isNotEqualTo(-1);

    for (CliProcess p : List.of(ingest, enrich, sink)) {
      p.stop(Duration.ofSeconds(30));
    }
    assertThat(ingest.output()).contains("Rejected push");
    assertThat(sink.output()).contains("Webhook delivery");
    assertThat(failing.output()).contains("is unreachable");
    // Secrets given as settings first, then the one carried inside a webhook URL, so a failure says which.
    String urlToken = "token in a webhook target's query";
    for (String what : SECRETS.keySet().stream().filter(w -> !w.equals(urlToken)).toList()) {
      for (CliProcess p : List.of(ingest, enrich, sink, failing)) {
        assertThat(p.output()).as("%s printed by %s (log %s)", what, p, p.log()).doesNotContain(secret(what));
      }
    }
    for (CliProcess p : List.of(ingest, enrich, sink, failing)) {
      assertThat(p.output()).as("%s printed by %s (log %s)", urlToken, p, p.log()).doesNotContain(secret(urlToken));
    }
  }

  private List<String> ingestArgs(Map<String, String> secrets) {
    List<String> args = new ArrayList<>(List.of("ingest", "--bootstrap-servers", pipe.bootstrap(),
        "--registry-url", pipe.registryUrl(), "--http-port", "0",
        "--set", "ingest.http.token=" + secret("push token"),
        "--set", "ingest.topic.raw=" + pipe.raw(),
        "--set", "ingest.topic.rejected=" + pipe.raw() + "-rejected",
        "--set", "ingest.topic.feed-state=" + pipe.raw() + "-feed-state",
        "--set", "ingest.state.dir=" + dir.resolve("ingest-state"),
        "--set", "registry.auto-register=true",
        "--set", "management.port=-1"));
    secrets.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    return args;
  }

  private CliProcess start(CliProcess p) {
    processes.add(p);
    return p.start();
  }

  private static int pushPort(CliProcess ingest) {
    int[] port = {-1};
    org.awaitility.Awaitility.await("ingest's push port in its output").atMost(Duration.ofSeconds(90))
        .failFast(() -> {
          Awaits.assertAlive(ingest);
        })
        .until(() -> {
          Matcher m = PUSH_PORT.matcher(ingest.output());
          if (m.find()) {
            port[0] = Integer.parseInt(m.group(1));
          }
          return port[0] > 0;
        });
    return port[0];
  }

  private static HttpRequest request(URI uri, String authorization, String body) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static String articlesJson(int n) {
    ObjectMapper json = new ObjectMapper();
    ArrayNode array = json.createArrayNode();
    ArticleCorpus.load(ArticleCorpus.repoSeeds(), 11).stream(n).map(ArticleCorpus.Generated::article)
        .forEach((Article a) -> array.addObject().put("url", a.getUrl()).put("title", a.getTitle())
            .put("body", a.getBody()).put("lang", a.getLang()).put("source", a.getSource()));
    return array.toString();
  }

  private static String secret(String what) {
    return SECRETS.get(what);
  }
}
