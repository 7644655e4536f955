package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@WithPlatform
class SubscriptionsCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldAddListAndRemoveSubscriptionsWhenRunThroughTheCli(TestPlatform platform) throws Exception {
    String[] where = {"--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl(),
        "--set", "registry.auto-register=true", "--set", "sink.topic.subscriptions=" + platform.uniqueName("subscriptions"),
        "--set", "sink.file.dir=/srv/alerts"};

    TestCli.Run file = run(where, "subscriptions", "add", "--id", "dmz-file", "--channel", "file",
        "--topics", "dmz,deterrence", "--min-severity", "high");
    assertThat(file.code()).as(file.err()).isZero();
    JsonNode added = JSON.readTree(file.out());
    assertThat(added.path("target").asText()).as("no target: the delivering sink's own sink.file.dir").isEmpty();
    assertThat(added.path("topics")).extracting(JsonNode::asText).containsExactly("dmz", "deterrence");
    assertThat(added.path("minSeverity").asText()).isEqualTo("HIGH");

    TestCli.Run hook = run(where, "subscriptions", "add", "--id", "health-hook", "--channel", "WEBHOOK",
        "--target", "https://hooks.example/health", "--secret-ref", "HEALTH_SECRET", "--languages", "en,de",
        "--query", "measles outbreak", "--disabled");
    assertThat(hook.code()).as(hook.err()).isZero();

    List<JsonNode> listed = lines(run(where, "subscriptions", "list"));
    assertThat(listed).extracting(n -> n.path("id").asText()).containsExactly("dmz-file", "health-hook");
    JsonNode webhook = listed.get(1);
    assertThat(webhook.path("enabled").asBoolean()).isFalse();
    assertThat(webhook.path("secretRef").asText()).isEqualTo("HEALTH_SECRET");
    assertThat(webhook.path("query").asText()).isEqualTo("measles outbreak");
    assertThat(webhook.path("languages")).extracting(JsonNode::asText).containsExactly("en", "de");

    TestCli.Run removed = run(where, "subscriptions", "remove", "dmz-file");
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(removed.out()).contains("removed dmz-file");
    assertThat(lines(run(where, "subscriptions", "list"))).extracting(n -> n.path("id").asText())
        .containsExactly("health-hook");

    TestCli.Run missing = run(where, "subscriptions", "remove", "dmz-file");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no subscription 'dmz-file'");
  }

  private static TestCli.Run run(String[] where, String... args) {
    return TestCli.run(Stream.concat(Stream.of(args), Stream.of(where)).toArray(String[]::new));
  }

  private static List<JsonNode> lines(TestCli.Run run) throws Exception {
    assertThat(run.code()).as(run.err()).isZero();
    List<JsonNode> out = new ArrayList<>();
    for (String line : run.out().lines().filter(l -> !l.isBlank()).toList()) {
      out.add(JSON.readTree(line));
    }
    return out;
  }
}
