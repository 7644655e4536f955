package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.runtime.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceLifecycleTest {

  @Test
  void shouldSayStoppingThenCloseInReverseOrderWhenSignalled() throws Exception {
    StringWriter status = new StringWriter();
    List<String> closed = new ArrayList<>();
    ServiceLifecycle life = new ServiceLifecycle(Settings.of(Map.of(Settings.MANAGEMENT_PORT, "-1")),
        new PrintWriter(status));
    life.manage(() -> closed.add("platform"));
    life.manage(() -> {
      assertThat(status.toString()).contains("stopping");
      closed.add("enrich");
    });

    life.stopOnSignal();

    assertThat(closed).containsExactly("enrich", "platform");
    assertThat(status.toString()).contains("newswatch: stopping").contains("newswatch: stopped in");
  }

  @Test
  void shouldStaySilentWhenSignalledAfterANormalClose() throws Exception {
    StringWriter status = new StringWriter();
    ServiceLifecycle life = new ServiceLifecycle(Settings.of(Map.of(Settings.MANAGEMENT_PORT, "-1")),
        new PrintWriter(status));
    life.close();

    life.stopOnSignal();

    assertThat(status.toString()).isEmpty();
  }
}
