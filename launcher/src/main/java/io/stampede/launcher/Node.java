package io.stampede.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.stampede.contracts.bus.EnvelopeBusCodec;
import io.stampede.contracts.bus.Services;
import io.stampede.contracts.events.EventEnvelope;
import io.stampede.gateway.GatewayService;
import io.stampede.gateway.tls.TlsSetup;
import io.stampede.kafka.embedded.EmbeddedKafka;
import io.stampede.platform.api.ApiConsumers;
import io.stampede.platform.cluster.ClusterSetup;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;
import io.stampede.platform.grpc.InternalGrpc;
import io.stampede.platform.health.ClusterHealthCheck;
import io.stampede.platform.health.HealthChecks;
import io.stampede.platform.health.KafkaHealthCheck;
import io.stampede.platform.health.PostgresHealthCheck;
import io.stampede.platform.health.RedisHealthCheck;
import io.stampede.platform.http.OpsServerVerticle;
import io.stampede.platform.infra.InfrastructureException;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.platform.metrics.EventLoopDelay;
import io.stampede.platform.metrics.Metrics;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModule;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.redis.client.Redis;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Stampede member: the embedded broker (unless an external Kafka is configured), the clustered
 * Vert.x, the checked connections, the migrations, and the selected services. {@link #start} is
 * one flat chain of named steps; {@link #stop} undoes them in the order that loses nothing.
 */
public final class Node {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private static final long CLOSE_TIMEOUT_SECONDS = 30;
  /** Longer than a background round that is not stuck takes; a stuck one is given up at 10 s anyway. */
  private static final long QUIESCE_TIMEOUT_SECONDS = 5;
  /** How long a leaving member waits for the API requests it already took to be answered. */
  private static final long WITHDRAW_PATIENCE_MS = 10_000;

  private final StampedeConfig config;
  private final Metrics metrics = new Metrics();
  private final HealthChecks health = new HealthChecks();
  private final List<ServiceModule> modules = new ArrayList<>();
  private EmbeddedKafka embeddedKafka;
  private String kafkaBootstrap;
  private HazelcastClusterManager cluster;
  private Vertx vertx;
  private EventLoopDelay eventLoopDelay;
  private Redis redis;
  private InternalGrpc grpc;
  private GatewayService gateway;
  private int httpPort;
  private int tlsPort = -1;

  private Node(StampedeConfig config) {
    this.config = config;
  }

  /** Starts a member; call from a plain thread (the embedded broker starts blocking). */
  public static Future<Node> start(StampedeConfig config) {
    Node node = new Node(config);
    CompletableFuture<String> kafka = CompletableFuture.supplyAsync(node::startKafka);
    return node.startVertx()
        .compose(v -> Future.fromCompletionStage(kafka).<Void>mapEmpty())
        .compose(v -> node.connectRedis())
        .compose(v -> node.preparePostgres())
        .compose(v -> KafkaSetup.ensureTopics(node.vertx, config, node.kafkaBootstrap))
        .compose(v -> node.startGrpc())
        .compose(v -> node.registerHealthChecks())
        .compose(v -> node.startServices())
        .compose(v -> node.startHttp())
        .map(v -> node)
        .recover(failure -> node.abort(kafka).transform(ignored -> Future.failedFuture(failure)));
  }

  private String startKafka() {
    if (!config.embeddedKafka()) {
      kafkaBootstrap = config.get(ConfigKeys.KAFKA_BOOTSTRAP);
      return kafkaBootstrap;
    }
    String dataDir = config.get(ConfigKeys.KAFKA_EMBEDDED_DATA_DIR);
    try {
      embeddedKafka = EmbeddedKafka.start(config.get(ConfigKeys.KAFKA_EMBEDDED_PORT), dataDir.isBlank() ? null : Path.of(dataDir));
    } catch (RuntimeException e) {
      throw new InfrastructureException("the embedded Kafka broker could not start on port "
          + config.get(ConfigKeys.KAFKA_EMBEDDED_PORT) + " (" + rootMessage(e) + "); free the port, set "
          + "kafka.embedded.port, or point at a running Kafka with --kafka=host:port", e);
    }
    kafkaBootstrap = embeddedKafka.bootstrapServers();
    return kafkaBootstrap;
  }

  private Future<Void> startVertx() {
    cluster = ClusterSetup.clusterManager(config);
    VertxOptions options = new VertxOptions()
        .setMetricsOptions(metrics.vertxMetricsOptions())
        .setPreferNativeTransport(config.get(ConfigKeys.HTTP_NATIVE_TRANSPORT))
        .setEventBusOptions(new EventBusOptions().setHost(config.get(ConfigKeys.CLUSTER_HOST)).setPort(0));
    return Vertx.builder().with(options).withClusterManager(cluster).withMetrics(metrics.vertxMetricsFactory())
        .buildClustered()
        .recover(e -> Future.failedFuture(new InfrastructureException("could not form or join the cluster on "
            + config.get(ConfigKeys.CLUSTER_HOST) + ":" + config.get(ConfigKeys.CLUSTER_PORT) + " (" + rootMessage(e)
            + "); check cluster.host, cluster.port and cluster.members", e)))
        .map(v -> {
          vertx = v;
          vertx.eventBus().registerDefaultCodec(EventEnvelope.class, new EnvelopeBusCodec());
          eventLoopDelay = EventLoopDelay.watch(vertx, metrics.registry());
          return null;
        });
  }

  private Future<Void> connectRedis() {
    redis = RedisSetup.client(vertx, config);
    return RedisSetup.verify(redis, config);
  }

  private Future<Void> preparePostgres() {
    return PostgresSetup.ensureDatabase(vertx, config)
        .compose(v -> PostgresSetup.migrate(vertx, config))
        .mapEmpty();
  }

  private Future<Void> startGrpc() {
    return InternalGrpc.start(vertx, cluster, config.get(ConfigKeys.CLUSTER_HOST), config.get(ConfigKeys.GRPC_PORT))
        .map(g -> {
          grpc = g;
          return null;
        });
  }

  private Future<Void> registerHealthChecks() {
    health.register(new PostgresHealthCheck(PostgresSetup.pool(vertx, config, "health")))
        .register(new RedisHealthCheck(redis))
        .register(new KafkaHealthCheck(KafkaAdminClient.create(vertx, KafkaSetup.adminConfig(kafkaBootstrap))))
        .register(new ClusterHealthCheck(vertx, cluster, Services.backends()));
    return Future.succeededFuture();
  }

  private Future<Void> startServices() {
    ServiceContext context = new ServiceContext(vertx, config, cluster, redis,
        new RedisKeys(config.get(ConfigKeys.REDIS_KEY_PREFIX)), kafkaBootstrap, grpc, metrics, health);
    modules.addAll(ServiceCatalog.selected(config));
    Future<Void> chain = Future.succeededFuture();
    for (ServiceModule module : modules) {
      chain = chain.compose(v -> module.start(context)
          .onSuccess(ok -> LOG.debug("service {} started", module.service().id())));
    }
    if (config.runs(Services.GATEWAY)) {
      gateway = new GatewayService();
      chain = chain.compose(v -> gateway.start(context)).onSuccess(v -> modules.add(gateway));
    }
    return chain;
  }

  private Future<Void> startHttp() {
    if (gateway != null) {
      httpPort = gateway.port();
      tlsPort = gateway.tlsPort();
      return Future.succeededFuture();
    }
    OpsServerVerticle ops = new OpsServerVerticle(config.get(ConfigKeys.HTTP_HOST), config.get(ConfigKeys.HTTP_PORT),
        health, metrics);
    return vertx.deployVerticle(ops).map(id -> {
      httpPort = ops.actualPort();
      return null;
    });
  }

  /**
   * Leaves in the order that loses nothing: stop accepting and drain the gateway, stop taking API
   * requests from the bus and answer the ones taken, withdraw from the gRPC directory, stop the
   * background rounds, undeploy the services (consumers commit), leave the cluster, stop the broker.
   */
  public Future<Void> stop() {
    // Context-free: the clustered close completes after the event loops are gone, so nothing
    // that follows it may be scheduled on one of them.
    Promise<Void> stopped = Promise.promise();
    Future<Void> drained = gateway == null ? Future.succeededFuture() : gateway.drain();
    drained
        .compose(v -> ApiConsumers.withdraw(vertx, cluster, WITHDRAW_PATIENCE_MS))
        .compose(v -> grpc == null ? Future.<Void>succeededFuture() : grpc.close())
        .onComplete(ignored -> new Thread(() -> closeVertxAndBroker(stopped), "stampede-stop").start());
    return stopped.future();
  }

  private void closeVertxAndBroker(Promise<Void> stopped) {
    if (eventLoopDelay != null) {
      eventLoopDelay.stop();
    }
    quiesceServices();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", rootMessage(e));
    } finally {
      if (embeddedKafka != null) {
        embeddedKafka.close();
      }
      stopped.complete();
    }
  }

  /**
   * Stops the services' background rounds while the pools they use are open: Vert.x's close shuts
   * the pools before it undeploys any verticle, so a scheduler tick in between failed, and warned,
   * at every stop of a busy member. Only those rounds: the Kafka consumers commit and leave their
   * groups in Vert.x's close, in the order every earlier stop had.
   */
  private void quiesceServices() {
    try {
      Future.join(modules.stream().map(ServiceModule::quiesce).toList())
          .toCompletionStage().toCompletableFuture().get(QUIESCE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("background work did not stop within {} s, closing anyway: {}", QUIESCE_TIMEOUT_SECONDS, rootMessage(e));
    }
  }

  private Future<Void> abort(CompletableFuture<String> kafka) {
    Promise<Void> aborted = Promise.promise();
    kafka.whenComplete((bootstrap, error) -> new Thread(() -> {
      if (vertx == null) {
        if (embeddedKafka != null) {
          embeddedKafka.close();
        }
        aborted.complete();
      } else {
        closeVertxAndBroker(aborted);
      }
    }, "stampede-abort").start());
    return aborted.future();
  }

  public Vertx vertx() {
    return vertx;
  }

  public StampedeConfig config() {
    return config;
  }

  public String nodeId() {
    return cluster.getNodeId();
  }

  public List<String> clusterMembers() {
    return cluster.getNodes();
  }

  public int httpPort() {
    return httpPort;
  }

  /** The TLS port, or -1 when this member serves none. */
  public int tlsPort() {
    return tlsPort;
  }

  /** How the TLS port encrypts, or null when this member serves no TLS port. */
  public TlsSetup tls() {
    return gateway == null ? null : gateway.tls();
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  public boolean embeddedKafka() {
    return embeddedKafka != null;
  }

  public HealthChecks health() {
    return health;
  }

  public InternalGrpc grpc() {
    return grpc;
  }

  /** The running module of a type, e.g. {@code node.module(OrdersService.class)}. */
  public <T extends ServiceModule> Optional<T> module(Class<T> type) {
    return modules.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
