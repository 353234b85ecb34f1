package io.stampede.users.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Which URLs a webhook may call. Always: an absolute http or https URL with a host. In production
 * also: every address the host resolves to is public, so a webhook cannot be aimed at loopback,
 * private networks, link-local (cloud metadata), carrier-grade NAT or multicast; checked when the
 * hook is registered and again before every delivery (DNS may change in between). Dev mode allows
 * them all, so a receiver on the same machine works.
 */
public final class WebhookTargets {

  private final Vertx vertx;
  private final boolean production;

  public WebhookTargets(Vertx vertx, boolean production) {
    this.vertx = vertx;
    this.production = production;
  }

  /** Succeeds with the URL when it may be called; fails with a 400 problem saying why not. */
  public Future<URI> check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return refuse("url is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isEmpty()) {
      return refuse("url must be an absolute http or https URL with a host");
    }
    if (uri.getUserInfo() != null) {
      return refuse("url must not carry credentials");
    }
    if (!production) {
      return Future.succeededFuture(uri);
    }
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    return vertx.executeBlocking(() -> InetAddress.getAllByName(host), false)
        .recover(e -> e instanceof UnknownHostException ? refuse("url's host does not resolve") : Future.failedFuture(e))
        .compose(addresses -> {
          for (InetAddress address : addresses) {
            if (!isPublic(address)) {
              return refuse("url resolves to a private, loopback or link-local address (" + address.getHostAddress() + ")");
            }
          }
          return Future.succeededFuture(uri);
        });
  }

  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;                         // fc00::/7
      boolean mappedV4 = isMappedV4(b);
      if (mappedV4) {
        try {
          return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return false;
        }
      }
      return !uniqueLocal;
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    boolean carrierNat = first == 100 && second >= 64 && second <= 127;    // 100.64.0.0/10
    boolean thisNetwork = first == 0;                                       // 0.0.0.0/8
    boolean reserved = first >= 240;                                        // 240.0.0.0/4 and broadcast
    boolean benchmarking = first == 198 && (second == 18 || second == 19);  // 198.18.0.0/15
    return !carrierNat && !thisNetwork && !reserved && !benchmarking;
  }

  private static boolean isMappedV4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static <T> Future<T> refuse(String why) {
    return Future.failedFuture(new StampedeException(ErrorCode.VALIDATION_FAILED, why));
  }
}
