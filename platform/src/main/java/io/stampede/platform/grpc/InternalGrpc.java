package io.stampede.platform.grpc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's internal gRPC endpoint (cleartext HTTP/2 on {@code cluster.host}) and the
 * cluster-wide directory that tells callers which members serve which gRPC service.
 *
 * <p>The directory is a Vert.x cluster map (Hazelcast) of {@code <service>@<nodeId> -> host:port};
 * callers ignore entries of members that have left, and each member removes its own on close.
 */
public final class InternalGrpc {

  private static final Logger LOG = LoggerFactory.getLogger(InternalGrpc.class);
  private static final String DIRECTORY = "stampede.grpc.endpoints";
  private static final int CALL_TIMEOUT_MS = 3000;
  /** How long a lookup in the directory is reused: hot callers (a notification per order) skip Hazelcast. */
  private static final long DIRECTORY_CACHE_MS = 1000;

  private final GrpcServer server;
  private final HttpServer http;
  private final GrpcClient client;
  private final AsyncMap<String, String> directory;
  private final ClusterManager cluster;
  private final String endpoint;
  private final List<String> ownKeys = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger roundRobin = new AtomicInteger();
  private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();

  private record Lookup(List<String> endpoints, long at) {
  }

  private InternalGrpc(GrpcServer server, HttpServer http, GrpcClient client, AsyncMap<String, String> directory,
                       ClusterManager cluster, String endpoint) {
    this.server = server;
    this.http = http;
    this.client = client;
    this.directory = directory;
    this.cluster = cluster;
    this.endpoint = endpoint;
  }

  public static Future<InternalGrpc> start(Vertx vertx, ClusterManager cluster, String host, int port) {
    GrpcServer server = GrpcServer.server(vertx);
    HttpServer http = vertx.createHttpServer(serverOptions(host, port));
    GrpcClient client = GrpcClient.client(vertx,
        new GrpcClientOptions().setTimeout(CALL_TIMEOUT_MS).setTimeoutUnit(TimeUnit.MILLISECONDS)
            .setScheduleDeadlineAutomatically(true),
        new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
            .setConnectTimeout(CALL_TIMEOUT_MS));
    return http.requestHandler(server).listen()
        .compose(listening -> vertx.sharedData().<String, String>getAsyncMap(DIRECTORY)
            .map(directory -> new InternalGrpc(server, http, client, directory, cluster,
                host + ":" + listening.actualPort())));
  }

  /**
   * Cleartext HTTP/2 for members only, without the guard against "rapid reset" floods. That guard
   * (Netty's, on by default) closes a connection whose peer resets more than 200 streams in 30 s,
   * and a member's own client resets one for every call it gives up at its deadline: under a
   * drop's burst, hundreds. The closed connection then failed every call still on it, among them the
   * sync that tells the order service a drop sold out. The guard is for ports the internet reaches;
   * this one is on {@code cluster.host}, where every peer is a member.
   */
  static HttpServerOptions serverOptions(String host, int port) {
    return new HttpServerOptions().setHost(host).setPort(port)
        .setUseAlpn(false).setHttp2ClearTextEnabled(true)
        .setHttp2RstFloodMaxRstFramePerWindow(0);
  }

  /** Serves a service on this member and lists it in the directory. */
  public Future<Void> serve(Service service) {
    server.addService(service);
    String key = service.name().fullyQualifiedName() + "@" + cluster.getNodeId();
    ownKeys.add(key);
    return directory.put(key, endpoint).onSuccess(v -> LOG.debug("serving {} at {}", service.name().fullyQualifiedName(), endpoint));
  }

  /** A member that serves {@code service}, round robin over the live ones (the directory is read at most once a second). */
  public Future<SocketAddress> locate(ServiceName service) {
    String name = service.fullyQualifiedName();
    Lookup cached = lookups.get(name);
    Future<List<String>> endpoints = cached != null && System.currentTimeMillis() - cached.at() < DIRECTORY_CACHE_MS
        ? Future.succeededFuture(cached.endpoints()) : lookUp(name);
    return endpoints.compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new StampedeException(ErrorCode.UNAVAILABLE, "no member serves " + name));
      }
      String chosen = found.get(Math.floorMod(roundRobin.getAndIncrement(), found.size()));
      int colon = chosen.lastIndexOf(':');
      return Future.succeededFuture(SocketAddress.inetSocketAddress(
          Integer.parseInt(chosen.substring(colon + 1)), chosen.substring(0, colon)));
    });
  }

  private Future<List<String>> lookUp(String name) {
    String prefix = name + "@";
    return directory.entries().map(entries -> {
      List<String> live = cluster.getNodes();
      List<String> endpoints = entries.entrySet().stream()
          .filter(e -> e.getKey().startsWith(prefix) && live.contains(e.getKey().substring(prefix.length())))
          .map(Map.Entry::getValue)
          .sorted()
          .toList();
      if (!endpoints.isEmpty()) {
        lookups.put(name, new Lookup(endpoints, System.currentTimeMillis()));
      }
      return endpoints;
    });
  }

  /** The shared client; generated {@code XGrpcClient.create(client(), address)} stubs wrap it. */
  public GrpcClient client() {
    return client;
  }

  public String endpoint() {
    return endpoint;
  }

  /** Leaves the directory first, so no caller picks this member while it shuts down. */
  public Future<Void> close() {
    List<Future<String>> removals = ownKeys.stream().map(directory::remove).toList();
    return Future.join(removals).otherwiseEmpty()
        .compose(v -> http.close())
        .compose(v -> client.close());
  }
}
