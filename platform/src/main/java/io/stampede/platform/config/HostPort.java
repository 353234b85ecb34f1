package io.stampede.platform.config;

/** A {@code host:port} pair, as used for cluster members and external brokers. */
public record HostPort(String host, int port) {

  public static HostPort parse(String raw) {
    int colon = raw.lastIndexOf(':');
    if (colon <= 0 || colon == raw.length() - 1) {
      throw new IllegalArgumentException("a comma-separated list of host:port, but got '" + raw + "'");
    }
    int port;
    try {
      port = Integer.parseInt(raw.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a comma-separated list of host:port, but got '" + raw + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("ports from 1 to 65535, but got '" + raw + "'");
    }
    return new HostPort(raw.substring(0, colon), port);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
