package io.newswatch.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.DeliveryResult;
import io.newswatch.sink.DeliveryResult.Outcome;
import io.newswatch.sink.FileTargets;
import io.newswatch.sink.Fixtures;
import io.newswatch.sink.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlFileChannelTest {

  private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(NOON);

  @Test
  void shouldWriteOneJsonLinePerAlertWithPlainFieldsWhenDelivered() throws IOException {
    Subscription sub = Fixtures.subscription("desk", Channel.FILE, dir.toString());
    try (JsonlFileChannel channel = channel(1 << 20)) {
      assertThat(channel.deliver(sub, Fixtures.alert("a1")).join().outcome()).isEqualTo(Outcome.DELIVERED);
    }

    List<String> lines = Files.readAllLines(dir.resolve("alerts.jsonl"));
    assertThat(lines).hasSize(1);
    JsonNode line = AlertJson.mapper().readTree(lines.get(0));
    assertThat(line.get("deliveryKey").asText()).isEqualTo("desk:a1");
    assertThat(line.get("subscriptionId").asText()).isEqualTo("desk");
    assertThat(line.get("alertId").asText()).isEqualTo("a1");
    assertThat(line.get("severity").asText()).isEqualTo("HIGH");
    assertThat(line.get("createdAt").asText()).isEqualTo("2026-11-22T07:01:00Z");
    assertThat(line.get("publishedAt").asText()).isEqualTo("2026-11-22T07:00:00Z");
    assertThat(line.get("url").asText()).isEqualTo("https://news.example/a1");
    assertThat(line.get("evidence").get(0).get("term").asText()).isEqualTo("opec");
    assertThat(line.get("deliveredAt").asText()).isEqualTo("2026-11-22T12:00:00Z");
  }

  @Test
  void shouldRefuseATargetThatALinkMadeAfterTheSubscriptionLeadsOutOfTheAllowedDirectory() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    FileTargets targets = FileTargets.of(root, List.of());
    Path target = root.resolve("late");
    assertThat(targets.problem(target.toString())).as("accepted while it does not exist").isEmpty();
    Files.createSymbolicLink(target, outside);
    Subscription sub = Fixtures.subscription("desk", Channel.FILE, target.toString());

    try (JsonlFileChannel channel = new JsonlFileChannel(JsonlFileConfig.defaults(), true, targets)) {
      DeliveryResult result = channel.deliver(sub, Fixtures.alert("a1")).join();
      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.detail()).contains("outside");
    }
    try (Stream<Path> written = Files.list(outside)) {
      assertThat(written).as("nothing written through the link").isEmpty();
    }
  }

  @Test
  void shouldWriteASubscriptionWithoutTargetIntoTheSinksOwnFileDir() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Subscription sub = Fixtures.subscription("desk", Channel.FILE, "");

    try (JsonlFileChannel channel = new JsonlFileChannel(JsonlFileConfig.defaults(), true, FileTargets.of(root, List.of()))) {
      CompletableFuture<DeliveryResult> pending = channel.deliver(sub, Fixtures.alert("a1"));
      channel.flush();
      assertThat(pending.join().outcome()).isEqualTo(Outcome.DELIVERED);
    }
    assertThat(Files.readString(JsonlFileConfig.defaults().currentFile(root))).contains("\"deliveryKey\":\"desk:a1\"");
    try (JsonlFileChannel unconfined = new JsonlFileChannel(JsonlFileConfig.defaults(), false)) {
      DeliveryResult result = unconfined.deliver(sub, Fixtures.alert("a2")).join();
      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.detail()).contains("sink.file.dir");
    }
  }

  @Test
  void shouldNeverWriteOrCutAFileThroughALinkPlantedAtTheAlertsFile() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path desk = Files.createDirectories(root.resolve("desk"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path stolen = Files.writeString(outside.resolve("stolen.txt"), "a line that ends without a newline");
    Files.createSymbolicLink(desk.resolve("alerts.jsonl"), stolen);
    Subscription sub = Fixtures.subscription("desk", Channel.FILE, desk.toString());

    try (JsonlFileChannel channel = new JsonlFileChannel(JsonlFileConfig.defaults(), true, FileTargets.of(root, List.of()))) {
      assertThat(channel.deliver(sub, Fixtures.alert("a1")).join().outcome()).isEqualTo(Outcome.FAILED);
    }
    assertThat(Files.readString(stolen)).as("neither truncated nor appended to").isEqualTo("a line that ends without a newline");
  }

  @Test
  void shouldDeliverEachAlertExactlyOnceWhenNewChannelReplaysAfterRestart() throws IOException {
    Subscription sub = Fixtures.subscription("desk", Channel.FILE, dir.toString());
    List<Alert> first = Fixtures.alerts("a", 5);
    try (JsonlFileChannel channel = channel(1 << 20)) {
      first.forEach(a -> channel.deliver(sub, a).join());
    }

    List<DeliveryResult> replay = new ArrayList<>();
    try (JsonlFileChannel restarted = channel(1 << 20)) {
      first.forEach(a -> replay.add(restarted.deliver(sub, a).join()));
      Fixtures.alerts("b", 3).forEach(a -> replay.add(restarted.deliver(sub, a).join()));
    }

    assertThat(replay).extracting(DeliveryResult::outcome).containsExactly(
        Outcome.ALREADY_DELIVERED, Outcome.ALREADY_DELIVERED, Outcome.ALREADY_DELIVERED,
        Outcome.ALREADY_DELIVERED, Outcome.ALREADY_DELIVERED,
        Outcome.DELIVERED, Outcome.DELIVERED, Outcome.DELIVERED);
    assertThat(deliveryKeys()).containsExactlyInAnyOrder("desk:a-0", "desk:a-1", "desk:a-2", "desk:a-3",
        "desk:a-4", "desk:b-0", "desk:b-1", "desk:b-2");
  }

  @Test
  void shouldCutTornLineAndRedeliverWhenCrashLeftPartialLine() throws IOException {
    Subscription sub = Fixtures.subscription("desk", Channel.FILE, dir.toString());
    try (JsonlFileChannel channel = channel(1 << 20)) {
      channel.deliver(sub, Fixtures.alert("a-0")).join();
      channel.deliver(sub, Fixtures.alert("a-1")).join();
    }
    Path file = dir.resolve("alerts.jsonl");
    long intact = Files.size(file);
    // What a crash halfway through writing a-2's line leaves behind.
    Files.writeString(file, "{\"deliveryKey\":\"desk:a-2\",\"subscriptionId\":\"de", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    DeliveryResult redelivered;
    DeliveryResult replayed;
    try (JsonlFileChannel restarted = channel(1 << 20)) {
      replayed = restarted.deliver(sub, Fixtures.alert("a-1")).join();
      redelivered = restarted.deliver(sub, Fixtures.alert("a-2")).join();
    }

    assertThat(replayed.outcome()).isEqualTo(Outcome.ALREADY_DELIVERED);
    assertThat(redelivered.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(deliveryKeys()).containsExactly("desk:a-0", "desk:a-1", "desk:a-2");
    assertThat(Files.size(file)).isGreaterThan(intact);
    assertThat(Files.readString(file)).endsWith("\n");
  }

  @Test
  void shouldRotateBySizeAndResumeLastFileWhenLimitIsSmall() throws IOException {
    Subscription sub = Fixtures.subscription("desk", Channel.FILE, dir.toString());
    long max = 1500;
    try (JsonlFileChannel channel = channel(max)) {
      Fixtures.alerts("a", 6).forEach(a -> channel.deliver(sub, a).join());
    }
    try (JsonlFileChannel restarted = channel(max)) {
      Fixtures.alerts("a", 6).forEach(a -> restarted.deliver(sub, a).join());
      restarted.deliver(sub, Fixtures.alert("b-0")).join();
    }

    List<Path> files = files();
    assertThat(files).hasSizeGreaterThan(2);
    assertThat(files.get(0).getFileName()).hasToString("alerts-2026-11-22.jsonl");
    assertThat(files.get(1).getFileName()).hasToString("alerts-2026-11-22.1.jsonl");
    assertThat(files.getLast().getFileName()).hasToString("alerts.jsonl");
    for (Path f : files) {
      assertThat(Files.size(f)).isLessThanOrEqualTo(max);
    }
    assertThat(deliveryKeys()).hasSize(7).doesNotHaveDuplicates();
  }

  @Test
  void shouldStartNewFileWhenUtcDayChanges() throws IOException {
    Subscription sub = Fixtures.subscription("desk", Channel.FILE, dir.toString());
    clock.advance(Duration.ofHours(11).plusMinutes(59)); // 23:59
    try (JsonlFileChannel channel = channel(1 << 20)) {
      channel.deliver(sub, Fixtures.alert("late")).join();
      clock.advance(Duration.ofMinutes(2)); // 00:01 next day
      channel.deliver(sub, Fixtures.alert("early")).join();
    }

    assertThat(Files.readString(dir.resolve("alerts-2026-11-22.jsonl"))).contains("desk:late")
        .doesNotContain("desk:early");
    assertThat(Files.readString(dir.resolve("alerts.jsonl"))).contains("desk:early");
  }

  @Test
  void shouldArchiveYesterdaysLinesWhenRestartedOnANewDay() throws IOException {
    Subscription sub = Fixtures.subscription("desk", Channel.FILE, dir.toString());
    try (JsonlFileChannel channel = channel(1 << 20)) {
      channel.deliver(sub, Fixtures.alert("monday")).join();
    }
    clock.advance(Duration.ofDays(1));
    try (JsonlFileChannel restarted = channel(1 << 20)) {
      assertThat(restarted.deliver(sub, Fixtures.alert("monday")).join().outcome())
          .isEqualTo(Outcome.ALREADY_DELIVERED);
      restarted.deliver(sub, Fixtures.alert("tuesday")).join();
    }

    assertThat(Files.readString(dir.resolve("alerts-2026-11-22.jsonl"))).contains("desk:monday")
        .doesNotContain("desk:tuesday");
    assertThat(Files.readString(dir.resolve("alerts.jsonl"))).contains("desk:tuesday");
  }

  @Test
  void shouldWriteOncePerSubscriptionWhenTwoSubscriptionsShareDirectory() throws IOException {
    Alert alert = Fixtures.alert("a1");
    try (JsonlFileChannel channel = channel(1 << 20)) {
      channel.deliver(Fixtures.subscription("one", Channel.FILE, dir.toString()), alert).join();
      channel.deliver(Fixtures.subscription("two", Channel.FILE, dir.toString()), alert).join();
    }

    assertThat(deliveryKeys()).containsExactly("one:a1", "two:a1");
  }

  @Test
  void shouldFailWithReasonWhenTargetIsNotADirectory() throws IOException {
    Path notADir = Files.writeString(dir.resolve("plain.txt"), "x");
    try (JsonlFileChannel channel = channel(1 << 20)) {
      DeliveryResult result = channel.deliver(Fixtures.subscription("desk", Channel.FILE, notADir.toString()),
          Fixtures.alert("a1")).join();

      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.detail()).contains(notADir.toString());
    }
  }

  @Test
  void shouldFsyncOncePerFlushAndCompleteOnlyThenWhenGroupCommitIsOn() throws IOException {
    Subscription sub = Fixtures.subscription("desk", Channel.FILE, dir.toString());
    try (JsonlFileChannel channel = new JsonlFileChannel(new JsonlFileConfig("alerts", 1 << 20, clock), true)) {
      List<java.util.concurrent.CompletableFuture<DeliveryResult>> batch = Fixtures.alerts("g", 20).stream()
          .map(a -> channel.deliver(sub, a)).toList();

      assertThat(batch).as("not acknowledged before the fsync").noneMatch(java.util.concurrent.CompletableFuture::isDone);
      channel.flush();
      DeliveryResult again = channel.deliver(sub, Fixtures.alert("g-3")).join();

      assertThat(batch).extracting(java.util.concurrent.CompletableFuture::join).extracting(DeliveryResult::outcome)
          .containsOnly(Outcome.DELIVERED);
      assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DELIVERED);
      assertThat(channel.syncs(dir.toString())).as("one fsync for the 20 lines").isEqualTo(1);
    }
    try (JsonlFileChannel restarted = channel(1 << 20)) {
      assertThat(restarted.deliveredCount(dir.toString())).isEqualTo(20);
    }
    assertThat(deliveryKeys()).hasSize(20).doesNotHaveDuplicates();
  }

  private JsonlFileChannel channel(long maxBytes) {
    return new JsonlFileChannel(new JsonlFileConfig("alerts", maxBytes, clock));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      // Oldest first: alerts-D.jsonl, alerts-D.1.jsonl, alerts-D.2.jsonl, ..., then the current alerts.jsonl.
      return s.filter(p -> p.toString().endsWith(".jsonl"))
          .sorted((a, b) -> Integer.compare(index(a), index(b)))
          .toList();
    }
  }

  private static int index(Path p) {
    String name = p.getFileName().toString();
    if (name.equals("alerts.jsonl")) {
      return Integer.MAX_VALUE;
    }
    String[] parts = name.split("\\.");
    return parts.length == 3 ? Integer.parseInt(parts[1]) : 0;
  }

  private List<String> deliveryKeys() throws IOException {
    List<String> keys = new ArrayList<>();
    for (Path f : files()) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        keys.add(AlertJson.mapper().readTree(line).get("deliveryKey").asText());
      }
    }
    return keys;
  }
}
