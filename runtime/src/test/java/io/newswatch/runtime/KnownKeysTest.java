package io.newswatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownKeysTest {
  private static final KnownKeys KNOWN = KnownKeys.of(List.of("sink.live.port", "sink.group-id", "ingest.feeds",
      "management.port", "registry.url"));

  @Test
  void shouldSuggestTheClosestKeyWhenAFlagIsMisspelled() {
    Settings s = Settings.load(Map.of(), null, Map.of(), Map.of("sink.live.prot", "8090"));

    assertThatThrownBy(() -> KNOWN.check(s))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'sink.live.prot'")
        .hasMessageContaining("(from --set sink.live.prot) is unknown")
        .hasMessageContaining("did you mean 'sink.live.port'?");
  }

  @Test
  void shouldListEveryUnknownKeyWhenThereAreSeveral() {
    Settings s = Settings.load(Map.of(), null, Map.of(), Map.of("ingest.feed", "f.yaml", "colour", "blue"));

    assertThatThrownBy(() -> KNOWN.check(s))
        .hasMessageContaining("'ingest.feed' (from --set ingest.feed) is unknown: did you mean 'ingest.feeds'?")
        .hasMessageContaining("'colour' (from --set colour) is unknown, not a setting newswatch reads")
        .hasMessageContaining("; also '");
  }

  @Test
  void shouldCatchAKafkaTypoButPassOtherKafkaKeysThrough() {
    Settings typo = Settings.load(Map.of(), null, Map.of(), Map.of("kafka.bootstrap.server", "b:9092"));
    assertThatThrownBy(() -> KNOWN.check(typo)).hasMessageContaining("did you mean 'kafka.bootstrap.servers'?");

    Settings fine = Settings.load(Map.of(), null, Map.of(), Map.of("kafka.security.protocol", "SASL_SSL",
        "kafka.consumer.max.poll.records", "10", "kafka.sasl.login.callback.handler.custom-thing", "x"));
    assertThatCode(() -> KNOWN.check(fine)).doesNotThrowAnyException();
  }

  @Test
  void shouldIgnoreForeignEnvironmentVariablesButCheckOwnNamespaces() {
    Settings foreign = Settings.load(Map.of(), null, Map.of("NEWSWATCH_SKIP_BUILD", "1", "NEWSWATCH_HOOK_SECRET", "s"),
        Map.of());
    assertThatCode(() -> KNOWN.check(foreign)).doesNotThrowAnyException();

    Settings typo = Settings.load(Map.of(), null, Map.of("NEWSWATCH_SINK_LIVE_PROT", "1"), Map.of());
    assertThatThrownBy(() -> KNOWN.check(typo)).hasMessageContaining("NEWSWATCH_SINK_LIVE_PROT")
        .hasMessageContaining("did you mean 'sink.live.port'?");
  }

  @Test
  void shouldAcceptDefaultsAndKnownKeysFromEveryLayer() {
    Settings s = Settings.load(Map.of("internal.default", "x"), null, Map.of("NEWSWATCH_SINK_GROUP__ID", "g"),
        Map.of("sink.live.port", "-1"));

    assertThatCode(() -> KNOWN.check(s)).doesNotThrowAnyException();
  }
}
