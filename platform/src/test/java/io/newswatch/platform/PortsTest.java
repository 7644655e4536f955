package io.newswatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Free ports for tests: several at once are distinct and can be bound. */
class PortsTest {

  @Test
  void shouldGiveDistinctPortsThatCanBeBound() throws Exception {
    for (int round = 0; round < 50; round++) {
      int[] ports = Ports.freePorts(4);
      assertThat(Arrays.stream(ports).distinct().count()).as("round %d: %s", round, Arrays.toString(ports)).isEqualTo(4);
      assertThat(Arrays.stream(ports).boxed().toList()).allSatisfy(p -> assertThat(p).isBetween(1, 65_535));
    }
    int[] ports = Ports.freePorts(3);
    for (int p : ports) {
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        assertThat(s.getLocalPort()).isEqualTo(p);
      }
    }
  }
}
