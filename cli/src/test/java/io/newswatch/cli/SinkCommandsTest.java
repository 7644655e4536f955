package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sink commands' checks that happen before anything connects to Kafka. */
class SinkCommandsTest {

  @Test
  void shouldFailNamingTheKeyWhenLivePortIsOutOfRange() {
    TestCli.Run run = TestCli.run("sink", "--live-port", "70000", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("sink.live.port").contains("70000");
  }

  @Test
  void shouldRejectAWebhookWithoutSecretRefWhenAddingBeforeConnecting() {
    TestCli.Run run = TestCli.run("subscriptions", "add", "--id", "hook", "--channel", "webhook",
        "--target", "https://hooks.example/x", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("secretRef");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void shouldRejectAnUnknownChannelWhenAdding() {
    TestCli.Run run = TestCli.run("subscriptions", "add", "--id", "x", "--channel", "pigeon");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--channel").contains("pigeon");
  }

  @Test
  void shouldAskForASubcommandWhenNoneIsGiven() {
    TestCli.Run run = TestCli.run("subscriptions");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("name a subcommand").contains("add").contains("remove");
  }
}
