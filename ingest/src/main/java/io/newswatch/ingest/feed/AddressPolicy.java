package io.newswatch.ingest.feed;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which network addresses the feed fetcher may connect to (SSRF protection).
 *
 * <p>Feed documents are written by others: an item link or a redirect can point at the machine itself
 * (127.0.0.1), the private network, a link-local address or a cloud metadata service (169.254.169.254),
 * and whatever answers would become an article or a dead letter. So by default every address that is
 * not a public unicast address is denied: loopback, unspecified, private (RFC 1918, RFC 4193), shared
 * (100.64/10), link-local, multicast, broadcast, documentation and reserved ranges, also when wrapped in
 * an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address. Feeds a user really runs inside their
 * network are allowed by listing their networks ({@code ingest.fetch.allow-networks}).
 */
public final class AddressPolicy {

  private static final List<Cidr> DENIED = List.of(
      Cidr.parse("0.0.0.0/8"), // "this network"; 0.0.0.0 reaches the local host on Linux
      Cidr.parse("10.0.0.0/8"),
      Cidr.parse("100.64.0.0/10"), // carrier-grade NAT, internal to a provider
      Cidr.parse("127.0.0.0/8"),
      Cidr.parse("169.254.0.0/16"), // link-local, including the cloud metadata service 169.254.169.254
      Cidr.parse("172.16.0.0/12"),
      Cidr.parse("192.0.0.0/24"),
      Cidr.parse("192.0.2.0/24"),
      Cidr.parse("192.88.99.0/24"),
      Cidr.parse("192.168.0.0/16"),
      Cidr.parse("198.18.0.0/15"),
      Cidr.parse("198.51.100.0/24"),
      Cidr.parse("203.0.113.0/24"),
      Cidr.parse("224.0.0.0/3"), // multicast, reserved and broadcast
      Cidr.parse("::/128"),
      Cidr.parse("::1/128"),
      Cidr.parse("100::/64"),
      Cidr.parse("2001:db8::/32"),
      Cidr.parse("fc00::/7"), // unique local, including AWS's fd00:ec2::254 metadata address
      Cidr.parse("fe80::/10"),
      Cidr.parse("fec0::/10"),
      Cidr.parse("ff00::/8"));

  private final List<Cidr> allowed;

  private AddressPolicy(List<Cidr> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** Public addresses only: the default. */
  public static AddressPolicy publicOnly() {
    return new AddressPolicy(List.of());
  }

  /**
   * Public addresses and the given networks, e.g. {@code "10.20.0.0/16"}, {@code "127.0.0.1"} (one
   * address) or {@code "fd12:3456::/48"}.
   *
   * @throws IllegalArgumentException naming an entry that is not an address or CIDR network
   */
  public static AddressPolicy allowing(List<String> networks) {
    List<Cidr> cidrs = new ArrayList<>();
    for (String n : networks) {
      if (n != null && !n.isBlank()) {
        cidrs.add(Cidr.parse(n.strip()));
      }
    }
    return new AddressPolicy(cidrs);
  }

  /** {@link #allowing(List)} of the given networks. */
  public static AddressPolicy allowing(String... networks) {
    return allowing(Arrays.asList(networks));
  }

  /** Why {@code address} may not be fetched, or empty when it may. */
  public Optional<String> denial(InetAddress address) {
    for (Cidr c : allowed) {
      if (c.contains(address)) {
        return Optional.empty();
      }
    }
    InetAddress effective = embeddedIpv4(address).orElse(address);
    for (Cidr c : DENIED) {
      if (c.contains(effective) || c.contains(address)) {
        return Optional.of(address.getHostAddress() + " is " + describe(effective) + " (in " + c + ")");
      }
    }
    return Optional.empty();
  }

  /** Whether any network is allowed beyond public addresses. */
  public boolean allowsPrivateNetworks() {
    return !allowed.isEmpty();
  }

  @Override
  public String toString() {
    return allowed.isEmpty() ? "public addresses only" : "public addresses and " + allowed;
  }

  private static String describe(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (a.isAnyLocalAddress()) {
      return "the unspecified address";
    }
    if (a.isLinkLocalAddress()) {
      return "a link-local address (cloud metadata services live here)";
    }
    if (a.isMulticastAddress()) {
      return "a multicast address";
    }
    if (a.isSiteLocalAddress() || isUniqueLocal(a)) {
      return "a private address";
    }
    return "a non-public address";
  }

  private static boolean isUniqueLocal(InetAddress a) {
    return a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC;
  }

  /**
   * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}),
   * NAT64 ({@code 64:ff9b::a.b.c.d}) or 6to4 ({@code 2002:AABB:CCDD::}) address, which reach that IPv4 host.
   */
  static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = address.getAddress();
    boolean zero80 = true;
    for (int i = 0; i < 10; i++) {
      zero80 &= b[i] == 0;
    }
    boolean mapped = zero80 && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    boolean compatible = zero80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
    boolean nat64 = (b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B;
    if (mapped || compatible || nat64) {
      return Optional.of(v4(b[12], b[13], b[14], b[15]));
    }
    if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) {
      return Optional.of(v4(b[2], b[3], b[4], b[5]));
    }
    return Optional.empty();
  }

  private static InetAddress v4(byte a, byte b, byte c, byte d) {
    try {
      return InetAddress.getByAddress(new byte[] {a, b, c, d});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  /** An address block: a base address and a prefix length. */
  record Cidr(byte[] base, int prefix, String text) {

    static Cidr parse(String text) {
      String[] parts = text.split("/", 2);
      InetAddress base = literal(parts[0], text);
      int max = base instanceof Inet4Address ? 32 : 128;
      int prefix = max;
      if (parts.length == 2) {
        try {
          prefix = Integer.parseInt(parts[1].strip());
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
          throw new IllegalArgumentException("'" + text + "' has a bad prefix length; use 0.." + max
              + ", e.g. 10.0.0.0/8 or fd00::/8");
        }
      }
      return new Cidr(base.getAddress(), prefix, text);
    }

    private static InetAddress literal(String address, String whole) {
      String a = address.strip();
      // Only literals: a host name here would make the allow-list depend on DNS, which an attacker may control.
      boolean literal = !a.isEmpty() && (a.contains(":") || a.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.'));
      if (!literal) {
        throw new IllegalArgumentException("'" + whole + "' is not an IP address or CIDR network (e.g. 10.0.0.0/8,"
            + " 192.168.1.20, fd00::/8); host names are not accepted");
      }
      try {
        return InetAddress.getByName(a);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + whole + "' is not an IP address or CIDR network", e);
      }
    }

    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != base.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != base[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (a[full] & mask) == (base[full] & mask);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
