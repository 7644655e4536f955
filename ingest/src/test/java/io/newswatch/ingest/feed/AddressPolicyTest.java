package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
      "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
      "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe",
      "2002:7f00:1::1", "::10.0.0.1"})
  void shouldDenyWhenAddressIsNotPublic(String address) throws UnknownHostException {
    assertThat(AddressPolicy.publicOnly().denial(ip(address))).as(address).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e"})
  void shouldAllowWhenAddressIsPublic(String address) throws UnknownHostException {
    assertThat(AddressPolicy.publicOnly().denial(ip(address))).as(address).isEmpty();
  }

  @Test
  void shouldAllowOnlyTheListedNetworksWhenAnAllowListIsSet() throws UnknownHostException {
    AddressPolicy policy = AddressPolicy.allowing("10.20.0.0/16", "127.0.0.1", "fd12:3456::/32");

    assertThat(policy.denial(ip("10.20.5.6"))).isEmpty();
    assertThat(policy.denial(ip("127.0.0.1"))).isEmpty();
    assertThat(policy.denial(ip("fd12:3456::9"))).isEmpty();
    assertThat(policy.denial(ip("10.21.0.1"))).isPresent();
    assertThat(policy.denial(ip("127.0.0.2"))).isPresent();
    assertThat(policy.denial(ip("169.254.169.254"))).isPresent();
  }

  @Test
  void shouldExplainWhenAnAllowListEntryIsNotANetwork() {
    assertThatThrownBy(() -> AddressPolicy.allowing("intranet.local"))
        .hasMessageContaining("'intranet.local' is not an IP address or CIDR network");
    assertThatThrownBy(() -> AddressPolicy.allowing("10.0.0.0/33")).hasMessageContaining("bad prefix length");
  }
}
