package io.stampede.platform.config;

import java.util.List;

import io.stampede.contracts.bus.Services;

/**
 * Every configuration key Stampede reads. Defaults live in {@code conf/stampede.yaml}; a test keeps
 * that file, this list and the README's table in step.
 */
public final class ConfigKeys {

  public static final ConfigKey<String> MODE = ConfigKey.oneOf("mode", List.of("dev", "production"),
      "dev runs on one machine with local defaults; production refuses to start without its secrets");
  public static final ConfigKey<List<String>> SERVICES = ConfigKey.subsetOf("services", Services.ids(),
      "which services this member runs");

  public static final ConfigKey<String> HTTP_HOST = ConfigKey.nonBlank("http.host", "address the public HTTP port binds to");
  public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.port("http.port", "public HTTP/1.1 + h2c port");
  public static final ConfigKey<Boolean> HTTP_TLS_ENABLED = ConfigKey.bool("http.tls-enabled",
      "serve the TLS port (HTTP/2 via ALPN and HTTP/1.1)");
  public static final ConfigKey<Integer> HTTP_TLS_PORT = ConfigKey.port("http.tls-port", "public TLS port");
  public static final ConfigKey<String> HTTP_TLS_CERT_FILE = ConfigKey.text("http.tls-cert-file",
      "PEM certificate chain of the TLS port (empty: a self-signed certificate made at start)");
  public static final ConfigKey<String> HTTP_TLS_KEY_FILE = ConfigKey.text("http.tls-key-file",
      "PEM private key of that certificate");
  public static final ConfigKey<String> HTTP_TLS_ENGINE = ConfigKey.oneOf("http.tls-engine", List.of("auto", "openssl", "jdk"),
      "TLS implementation of the TLS port: openssl (BoringSSL, bundled for Linux x86-64), jdk, or auto (BoringSSL where it "
          + "loads, else the JDK's; the start-up line names the one in use)");
  public static final ConfigKey<Integer> HTTP_INSTANCES = ConfigKey.integer("http.instances", 0, 64,
      "gateway verticle instances (0 = one per core)");
  public static final ConfigKey<Boolean> HTTP_NATIVE_TRANSPORT = ConfigKey.bool("http.native-transport",
      "run the member's sockets (HTTP, event bus, gRPC, store clients) on Linux's epoll through Netty's native "
          + "transport; NIO where it is not available");
  public static final ConfigKey<Integer> HTTP_MAX_CONNECTIONS = ConfigKey.integer("http.max-connections", 0, 10_000_000,
      "client connections a member holds at once; more are closed at once (0 = three quarters of the open-file limit)");
  public static final ConfigKey<Integer> HTTP_H2_MAX_STREAMS = ConfigKey.integer("http.h2-max-streams", 100, 100_000,
      "requests one HTTP/2 connection may have in flight at once");
  public static final ConfigKey<Integer> HTTP_DRAIN_SECONDS = ConfigKey.integer("http.drain-seconds", 0, 300,
      "on SIGTERM, how long in-flight requests may take to finish");
  public static final ConfigKey<Integer> HTTP_REQUEST_TIMEOUT_MS = ConfigKey.integer("http.request-timeout-ms", 100, 60000,
      "how long the gateway waits for a service over the event bus");
  public static final ConfigKey<Integer> HTTP_BREAKER_RESET_MS = ConfigKey.integer("http.breaker-reset-ms", 100, 600000,
      "how long a service's circuit breaker stays open before letting a request try again");

  public static final ConfigKey<String> CLUSTER_HOST = ConfigKey.nonBlank("cluster.host",
      "address this member's Hazelcast, event bus and gRPC bind to and announce");
  public static final ConfigKey<String> CLUSTER_NAME = ConfigKey.nonBlank("cluster.name",
      "members join only a cluster of the same name");
  public static final ConfigKey<Integer> CLUSTER_PORT = ConfigKey.integer("cluster.port", 1, 65535,
      "Hazelcast member port (the next free one is taken when it is busy)");
  public static final ConfigKey<List<HostPort>> CLUSTER_MEMBERS = ConfigKey.hostPorts("cluster.members",
      "Hazelcast members to join over TCP (empty: start a cluster of one)");
  public static final ConfigKey<Integer> GRPC_PORT = ConfigKey.port("grpc.port", "internal gRPC (h2c) port");

  public static final ConfigKey<String> POSTGRES_HOST = ConfigKey.nonBlank("postgres.host", "PostgreSQL host");
  public static final ConfigKey<Integer> POSTGRES_PORT = ConfigKey.integer("postgres.port", 1, 65535, "PostgreSQL port");
  public static final ConfigKey<String> POSTGRES_DATABASE = ConfigKey.nonBlank("postgres.database",
      "database (created on start when missing)");
  public static final ConfigKey<String> POSTGRES_USER = ConfigKey.nonBlank("postgres.user", "PostgreSQL user");
  public static final ConfigKey<String> POSTGRES_PASSWORD = ConfigKey.text("postgres.password",
      "PostgreSQL password (required in production)");
  public static final ConfigKey<Integer> POSTGRES_POOL_SIZE = ConfigKey.integer("postgres.pool-size", 1, 256,
      "connections per service pool (the order persister and reconciler work through 3 of their own); a query waits at most half "
          + "of http.request-timeout-ms for a connection, then its request is answered 503; the order service's reads are "
          + "pipelined instead, up to 256 at a time on each connection");

  public static final ConfigKey<String> REDIS_MODE = ConfigKey.oneOf("redis.mode", List.of("standalone", "cluster"),
      "standalone: one Redis at redis.url; cluster: a Redis Cluster found through redis.cluster-nodes");
  public static final ConfigKey<String> REDIS_URL = ConfigKey.nonBlank("redis.url", "Redis connection string (standalone mode)");
  public static final ConfigKey<List<HostPort>> REDIS_CLUSTER_NODES = ConfigKey.hostPorts("redis.cluster-nodes",
      "seed nodes of the Redis Cluster (cluster mode); the client learns the rest from them");
  public static final ConfigKey<String> REDIS_KEY_PREFIX = ConfigKey.text("redis.key-prefix",
      "prefix of every Redis key (lets several deployments or test runs share one Redis)");
  public static final ConfigKey<Integer> REDIS_POOL_SIZE = ConfigKey.integer("redis.pool-size", 1, 1024,
      "pooled Redis connections (per node of a Redis Cluster), each held for one command's round trip; on a "
          + "standalone server each event loop also pipelines its commands on one connection of its own, and the pool "
          + "serves the rest (workers, start-up)");

  public static final ConfigKey<String> KAFKA_BOOTSTRAP = ConfigKey.text("kafka.bootstrap",
      "external Kafka bootstrap servers (empty: start an embedded broker)");
  public static final ConfigKey<Integer> KAFKA_EMBEDDED_PORT = ConfigKey.port("kafka.embedded.port",
      "client port of the embedded broker");
  public static final ConfigKey<String> KAFKA_EMBEDDED_DATA_DIR = ConfigKey.text("kafka.embedded.data-dir",
      "log directory of the embedded broker (empty: a temporary directory)");
  public static final ConfigKey<Integer> KAFKA_PARTITIONS = ConfigKey.integer("kafka.partitions", 1, 1024,
      "partitions of each topic Stampede creates");
  public static final ConfigKey<Integer> KAFKA_REPLICATION = ConfigKey.integer("kafka.replication", 1, 16,
      "replication factor of each topic Stampede creates");

  public static final ConfigKey<String> AUTH_ISSUER = ConfigKey.nonBlank("auth.issuer", "iss of access tokens");
  public static final ConfigKey<String> AUTH_AUDIENCE = ConfigKey.nonBlank("auth.audience", "aud of access tokens");
  public static final ConfigKey<Integer> AUTH_ACCESS_TTL_SECONDS = ConfigKey.integer("auth.access-ttl-seconds", 30, 86400,
      "lifetime of access tokens");
  public static final ConfigKey<Integer> AUTH_REFRESH_TTL_DAYS = ConfigKey.integer("auth.refresh-ttl-days", 1, 365,
      "lifetime of refresh tokens");
  public static final ConfigKey<Integer> AUTH_PASSWORD_ITERATIONS = ConfigKey.integer("auth.password-iterations",
      1000, 10_000_000, "PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP: 600000)");
  public static final ConfigKey<String> AUTH_SIGNING_KEY_FILE = ConfigKey.text("auth.signing-key-file",
      "PEM (PKCS#8) P-256 private key that signs access tokens; required in production, generated in dev");
  public static final ConfigKey<String> AUTH_SIGNING_KEY_ID = ConfigKey.text("auth.signing-key-id",
      "kid of the configured signing key; a new kid rotates keys without logging anyone out");

  public static final ConfigKey<Integer> ORDERS_INSTANCES = ConfigKey.integer("orders.instances", 0, 64,
      "order API verticle instances (0 = one per core)");
  public static final ConfigKey<Integer> ORDERS_REHEARSAL_SECONDS = ConfigKey.integer("orders.rehearsal-seconds", 0, 600,
      "before it opens its port, the member places orders on a sandbox drop for this long, so that the JIT has "
          + "compiled the order path before the first real drop (0 = off)");
  public static final ConfigKey<Integer> ORDERS_RECONCILE_INTERVAL_MS = ConfigKey.integer("orders.reconcile-interval-ms",
      100, 3_600_000, "how often the reconciler compares live drop counters with Postgres");
  public static final ConfigKey<Integer> ORDERS_DRIFT_SETTLE_MS = ConfigKey.integer("orders.drift-settle-ms", 100,
      3_600_000, "how long a counter/Postgres difference must hold still before it counts as drift and is repaired "
          + "(keep it above the Kafka delivery timeout)");
  public static final ConfigKey<Integer> ORDERS_IN_FLIGHT_LEASE_MS = ConfigKey.integer("orders.in-flight-lease-ms", 4000,
      3_600_000, "how old a reservation still waiting for Kafka must be before the reconciler settles it as orphaned "
          + "(its member died); above the Kafka delivery timeout of 3 s");

  public static final ConfigKey<Integer> NOTIFICATIONS_STOCK_INTERVAL_MS = ConfigKey.integer(
      "notifications.stock-interval-ms", 250, 60_000,
      "stock updates per drop item are coalesced to one per interval (250 = at most 4 a second); the last value is always sent");
  public static final ConfigKey<Boolean> PUSH_ENABLED = ConfigKey.bool("push.enabled",
      "send mobile push through FCM (needs push.credentials-file, or push.fcm-endpoint for a local stand-in)");
  public static final ConfigKey<String> PUSH_FCM_ENDPOINT = ConfigKey.text("push.fcm-endpoint",
      "base URL that replaces https://fcm.googleapis.com (a local FCM stand-in for tests and dev); empty in production");
  public static final ConfigKey<String> PUSH_PROJECT_ID = ConfigKey.nonBlank("push.project-id", "Firebase project id");
  public static final ConfigKey<String> PUSH_CREDENTIALS_FILE = ConfigKey.text("push.credentials-file",
      "service-account JSON for FCM (required when push is enabled without a stand-in endpoint)");

  public static final ConfigKey<Integer> WS_QUEUE_LIMIT = ConfigKey.integer("ws.queue-limit", 8, 100_000,
      "messages a socket may have waiting beyond the network buffer; stock updates are merged first, then the socket is closed");
  public static final ConfigKey<Integer> WS_STALL_LIMIT_MS = ConfigKey.integer("ws.stall-limit-ms", 100, 600_000,
      "a socket that accepts nothing for this long while messages wait is closed (slow consumer)");
  public static final ConfigKey<Integer> WS_HEARTBEAT_MS = ConfigKey.integer("ws.heartbeat-ms", 100, 600_000,
      "how often the server pings each socket");
  public static final ConfigKey<Integer> WS_IDLE_TIMEOUT_MS = ConfigKey.integer("ws.idle-timeout-ms", 200, 3_600_000,
      "a socket that sends nothing (not even a pong) for this long is closed");
  public static final ConfigKey<Integer> WS_MAX_TOPICS = ConfigKey.integer("ws.max-topics", 1, 10_000,
      "topics one socket may subscribe to");

  public static final ConfigKey<Boolean> RATELIMIT_ENABLED = ConfigKey.bool("ratelimit.enabled",
      "token-bucket rate limits at the gateway");
  public static final ConfigKey<Bucket> RATELIMIT_AUTH_IP = ConfigKey.bucket("ratelimit.auth.ip", "auth routes, per client IP");
  public static final ConfigKey<Bucket> RATELIMIT_AUTH_USER = ConfigKey.bucket("ratelimit.auth.user", "auth routes, per user");
  public static final ConfigKey<Bucket> RATELIMIT_ORDERS_IP = ConfigKey.bucket("ratelimit.orders.ip", "order routes, per client IP");
  public static final ConfigKey<Bucket> RATELIMIT_ORDERS_USER = ConfigKey.bucket("ratelimit.orders.user", "order routes, per user");
  public static final ConfigKey<Bucket> RATELIMIT_READS_IP = ConfigKey.bucket("ratelimit.reads.ip", "reads, per client IP");
  public static final ConfigKey<Bucket> RATELIMIT_READS_USER = ConfigKey.bucket("ratelimit.reads.user", "reads, per user");
  public static final ConfigKey<Bucket> RATELIMIT_WRITES_IP = ConfigKey.bucket("ratelimit.writes.ip",
      "other writes (profiles, follows, products, drops), per client IP");
  public static final ConfigKey<Bucket> RATELIMIT_WRITES_USER = ConfigKey.bucket("ratelimit.writes.user",
      "other writes, per user");
  public static final ConfigKey<Bucket> RATELIMIT_LOGIN_USERNAME = ConfigKey.bucket("ratelimit.login.username",
      "login attempts per username, whoever makes them");

  public static final ConfigKey<String> LOG_FORMAT = ConfigKey.oneOf("log.format", List.of("text", "json"),
      "text for people, json for log pipelines");
  public static final ConfigKey<String> LOG_LEVEL = ConfigKey.oneOf("log.level",
      List.of("error", "warn", "info", "debug", "trace"), "level of Stampede's own loggers");

  public static final List<ConfigKey<?>> ALL = List.of(
      MODE, SERVICES,
      HTTP_HOST, HTTP_PORT, HTTP_TLS_ENABLED, HTTP_TLS_PORT, HTTP_TLS_CERT_FILE, HTTP_TLS_KEY_FILE, HTTP_TLS_ENGINE, HTTP_INSTANCES, HTTP_NATIVE_TRANSPORT, HTTP_MAX_CONNECTIONS, HTTP_H2_MAX_STREAMS, HTTP_DRAIN_SECONDS, HTTP_REQUEST_TIMEOUT_MS, HTTP_BREAKER_RESET_MS,
      CLUSTER_HOST, CLUSTER_NAME, CLUSTER_PORT, CLUSTER_MEMBERS, GRPC_PORT,
      POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DATABASE, POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_POOL_SIZE,
      REDIS_MODE, REDIS_URL, REDIS_CLUSTER_NODES, REDIS_KEY_PREFIX, REDIS_POOL_SIZE,
      KAFKA_BOOTSTRAP, KAFKA_EMBEDDED_PORT, KAFKA_EMBEDDED_DATA_DIR, KAFKA_PARTITIONS, KAFKA_REPLICATION,
      AUTH_ISSUER, AUTH_AUDIENCE, AUTH_ACCESS_TTL_SECONDS, AUTH_REFRESH_TTL_DAYS, AUTH_PASSWORD_ITERATIONS,
      AUTH_SIGNING_KEY_FILE, AUTH_SIGNING_KEY_ID,
      ORDERS_INSTANCES, ORDERS_REHEARSAL_SECONDS, ORDERS_RECONCILE_INTERVAL_MS, ORDERS_DRIFT_SETTLE_MS,
      ORDERS_IN_FLIGHT_LEASE_MS,
      NOTIFICATIONS_STOCK_INTERVAL_MS, PUSH_ENABLED, PUSH_FCM_ENDPOINT, PUSH_PROJECT_ID, PUSH_CREDENTIALS_FILE,
      WS_QUEUE_LIMIT, WS_STALL_LIMIT_MS, WS_HEARTBEAT_MS, WS_IDLE_TIMEOUT_MS, WS_MAX_TOPICS,
      RATELIMIT_ENABLED, RATELIMIT_AUTH_IP, RATELIMIT_AUTH_USER, RATELIMIT_ORDERS_IP, RATELIMIT_ORDERS_USER,
      RATELIMIT_READS_IP, RATELIMIT_READS_USER, RATELIMIT_WRITES_IP, RATELIMIT_WRITES_USER, RATELIMIT_LOGIN_USERNAME,
      LOG_FORMAT, LOG_LEVEL);

  private ConfigKeys() {
  }

  public static ConfigKey<?> byName(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
  }
}
