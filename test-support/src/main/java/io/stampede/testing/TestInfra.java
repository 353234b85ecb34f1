package io.stampede.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.stampede.kafka.embedded.EmbeddedKafka;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.ConfigLoader;
import io.stampede.platform.config.StampedeConfig;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.infra.RedisSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.ListOffsetsResultInfo;
import io.vertx.kafka.admin.NewTopic;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.LoggerFactory;

/**
 * The real infrastructure of one test JVM: one embedded Kafka broker, a database and a Redis key
 * prefix and a cluster name of its own (so parallel runs and a developer's running platform never
 * meet), all removed when the test session ends ({@link CleanUpAfterTests}).
 */
public final class TestInfra {

  private static TestInfra instance;

  private final EmbeddedKafka kafka;
  private final String runId;
  private final StampedeConfig config;

  private TestInfra() {
    this.runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.kafka = EmbeddedKafka.start(0, null);
    this.config = ConfigLoader.load(List.of(), Map.of()).with(Map.ofEntries(
        Map.entry(ConfigKeys.POSTGRES_DATABASE.name(), "stampede_test_" + runId),
        Map.entry(ConfigKeys.REDIS_KEY_PREFIX.name(), "test:" + runId + ":"),
        Map.entry(ConfigKeys.CLUSTER_NAME.name(), "stampede-test-" + runId),
        Map.entry(ConfigKeys.KAFKA_BOOTSTRAP.name(), kafka.bootstrapServers()),
        Map.entry(ConfigKeys.KAFKA_PARTITIONS.name(), "3"),
        Map.entry(ConfigKeys.HTTP_PORT.name(), "0"),
        Map.entry(ConfigKeys.HTTP_TLS_PORT.name(), "0"),
        Map.entry(ConfigKeys.HTTP_INSTANCES.name(), "2"),
        Map.entry(ConfigKeys.HTTP_DRAIN_SECONDS.name(), "2"),
        Map.entry(ConfigKeys.GRPC_PORT.name(), "0"),
        Map.entry(ConfigKeys.LOG_LEVEL.name(), "warn"),
        // Tests register many users; production strength would only make them slow.
        Map.entry(ConfigKeys.AUTH_PASSWORD_ITERATIONS.name(), "1000"),
        Map.entry(ConfigKeys.HTTP_BREAKER_RESET_MS.name(), "1000")));
  }

  public static synchronized TestInfra get() {
    if (instance == null) {
      instance = new TestInfra();
    }
    return instance;
  }

  /** The configuration a test member starts from: this run's database, prefix, cluster and broker. */
  public StampedeConfig config() {
    return config;
  }

  /** This run's configuration plus a free Hazelcast port and any overrides. */
  public StampedeConfig memberConfig(Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>();
    all.put(ConfigKeys.CLUSTER_PORT.name(), String.valueOf(FreePorts.next()));
    all.putAll(overrides);
    return config.with(all);
  }

  public String kafkaBootstrap() {
    return kafka.bootstrapServers();
  }

  /** Creates a topic of its own for a test on this run's broker (one replica), and waits for it. */
  public void createTopic(Vertx vertx, String topic, int partitions) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, KafkaSetup.adminConfig(kafkaBootstrap()));
    Await.result(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).eventually(admin::close));
  }

  /** How many records this run's broker has taken on {@code topic} so far: its partitions' end offsets, summed. */
  public long recordsWritten(Vertx vertx, String topic) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, KafkaSetup.adminConfig(kafkaBootstrap()));
    Future<Long> written = admin.describeTopics(List.of(topic))
        .compose(topics -> admin.listOffsets(topics.get(topic).getPartitions().stream()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p.getPartition()), p -> OffsetSpec.LATEST))))
        .map(offsets -> offsets.values().stream().mapToLong(ListOffsetsResultInfo::getOffset).sum());
    return Await.result(written.eventually(admin::close));
  }

  public String redisPrefix() {
    return config.get(ConfigKeys.REDIS_KEY_PREFIX);
  }

  /** Removes this run's database, Redis keys and broker; the session listener calls it at the end. */
  static synchronized void closeIfStarted() {
    if (instance != null) {
      instance.cleanUp();
      instance = null;
    }
  }

  private void cleanUp() {
    Vertx vertx = Vertx.vertx();
    try {
      Future<Void> db = PostgresSetup.dropDatabase(vertx, config, config.get(ConfigKeys.POSTGRES_DATABASE));
      Redis redis = RedisSetup.client(vertx, config);
      Future<Void> keys = deleteKeys(redis, redisPrefix() + "*", "0");
      Future.join(db, keys).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      LoggerFactory.getLogger(TestInfra.class).warn("test clean-up incomplete: {}", e.toString());
    } finally {
      vertx.close();
      kafka.close();
    }
  }

  private static Future<Void> deleteKeys(Redis redis, String pattern, String cursor) {
    return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000))
        .compose(page -> {
          String next = page.get(0).toString();
          Response keys = page.get(1);
          Future<Void> deleted = Future.succeededFuture();
          if (keys.size() > 0) {
            Request del = Request.cmd(Command.UNLINK);
            keys.forEach(k -> del.arg(k.toString()));
            deleted = redis.send(del).mapEmpty();
          }
          return deleted.compose(v -> "0".equals(next) ? Future.<Void>succeededFuture() : deleteKeys(redis, pattern, next));
        });
  }

  /** How long tests wait for something that should happen "soon" before failing. */
  public static Duration patience() {
    return Duration.ofSeconds(20);
  }
}
