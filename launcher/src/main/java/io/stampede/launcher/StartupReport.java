package io.stampede.launcher;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;

/** The lines a member prints once it is ready: where it listens and what it talks to. */
final class StartupReport {

  private StartupReport() {
  }

  static String of(Node node, long startMillis) {
    StampedeConfig c = node.config();
    String host = c.get(ConfigKeys.HTTP_HOST);
    String shownHost = host.equals("0.0.0.0") ? "localhost" : host;
    return String.join(System.lineSeparator(),
        "Stampede ready in " + startMillis + " ms (" + c.get(ConfigKeys.MODE) + " mode)",
        "  http      http://" + shownHost + ":" + node.httpPort() + "  (HTTP/1.1 + h2c; /health/ready, /metrics)",
        node.tls() == null ? "  https     (off)"
            : "  https     https://" + shownHost + ":" + node.tlsPort() + "  (HTTP/2 via ALPN + HTTP/1.1; "
            + node.tls().engineName() + (node.tls().selfSigned() ? "; self-signed P-256 certificate)" : ")"),
        "  sockets   " + transport(node),
        "  services  " + String.join(", ", c.get(ConfigKeys.SERVICES)),
        "  cluster   '" + c.get(ConfigKeys.CLUSTER_NAME) + "', " + node.clusterMembers().size()
            + " member(s); this one " + node.nodeId(),
        "  grpc      " + node.grpc().endpoint(),
        "  kafka     " + node.kafkaBootstrap() + (node.embeddedKafka() ? "  (embedded)" : ""),
        "  postgres  " + c.get(ConfigKeys.POSTGRES_HOST) + ":" + c.get(ConfigKeys.POSTGRES_PORT) + "/"
            + c.get(ConfigKeys.POSTGRES_DATABASE),
        "  redis     " + c.get(ConfigKeys.REDIS_URL));
  }

  private static String transport(Node node) {
    if (node.vertx().isNativeTransportEnabled()) {
      return "native (epoll)";
    }
    if (!node.config().get(ConfigKeys.HTTP_NATIVE_TRANSPORT)) {
      return "NIO (http.native-transport=false)";
    }
    Throwable why = node.vertx().unavailableNativeTransportCause();
    return "NIO (the native transport is unavailable" + (why == null ? "" : ": " + why.getMessage()) + ")";
  }
}
