package io.stampede.platform.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stampede.contracts.events.Topics;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Client settings every service shares, and the topics Stampede needs. */
public final class KafkaSetup {

  private static final int ADMIN_TIMEOUT_MS = 10_000;

  private KafkaSetup() {
  }

  /**
   * Durable producers: every record is on every in-sync replica before the caller is answered. They
   * give up within 3 s, well before the gateway's request timeout, so a refused order is undone and
   * answered 503 by the order service itself; the buyer's retry with the same key is always safe.
   *
   * <p>Batching without waiting: a record is sent at once ({@code linger.ms=0}) unless a request to
   * that broker is still unanswered (one in flight per connection), in which case it joins the batch
   * that goes when the answer comes. A quiet moment's order pays one round trip, not a linger; under
   * a burst the batches grow with the broker's round trip by themselves (perf/RESULTS.md). The larger
   * batch size lets one hot drop's partition take a whole round trip's orders in one request.
   */
  public static Map<String, String> producerConfig(String bootstrap, String clientId) {
    Map<String, String> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrap);
    c.put("client.id", clientId);
    c.put("acks", "all");
    c.put("enable.idempotence", "true");
    c.put("linger.ms", "0");
    c.put("max.in.flight.requests.per.connection", "1");
    c.put("batch.size", "131072");
    c.put("delivery.timeout.ms", "3000");
    c.put("request.timeout.ms", "2500");
    c.put("max.block.ms", "2000");
    c.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    c.put("value.serializer", "io.vertx.kafka.client.serialization.BufferSerializer");
    return c;
  }

  /**
   * Consumers commit by hand, after the side effect, and start from the beginning of a new group.
   * A member that dies is noticed after 6 s (Kafka's default is 45 s), so its partitions, and the
   * orders on them, move to a live member within seconds.
   *
   * <p>A fetch is answered as soon as one record is there, and otherwise waits at the broker for
   * up to half a second. A quiet topic therefore costs two fetches a second per consumer, and its
   * record is read the moment it is written. Under a burst the batches grow by themselves: a loop
   * fetches again only after its last batch is done, and gets everything written meanwhile; after a
   * small batch it waits 25 ms first ({@link KafkaBatchLoop}), so a steady trickle comes in batches
   * too. (Waiting 10 ms for 16 KiB instead, as before, kept every consumer asking a hundred times a
   * second: an idle member spent a seventh of a 2-core machine on empty fetches, perf/RESULTS.md.)
   *
   * <p>A poll hands over everything its fetches brought ({@code max.poll.records} is not what bounds
   * a batch; {@code max.partition.fetch.bytes}, 1 MiB per partition, is). With the default of 500,
   * a fetch of a busy partition left records behind in the client, and the client then fetched the
   * topic's other partitions without it (it never fetches a partition it still holds records of).
   * Those partitions were quiet, so the broker held that fetch for the whole half second, and the
   * client sends one fetch at a time to a broker: the busy partition was read in bursts two times a
   * second. Orders are keyed by drop, so a drop's orders are one busy partition: the persister wrote
   * 2,400 orders a second while the member idled, and fell minutes behind a burst (perf/RESULTS.md).
   */
  public static Map<String, String> consumerConfig(String bootstrap, String groupId) {
    Map<String, String> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrap);
    c.put("group.id", groupId);
    c.put("enable.auto.commit", "false");
    c.put("auto.offset.reset", "earliest");
    c.put("isolation.level", "read_committed");
    c.put("session.timeout.ms", "6000");
    c.put("heartbeat.interval.ms", "1500");
    c.put("fetch.min.bytes", "1");
    c.put("fetch.max.wait.ms", "500");
    c.put("max.poll.records", String.valueOf(Integer.MAX_VALUE));
    c.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    c.put("value.deserializer", "io.vertx.kafka.client.serialization.BufferDeserializer");
    return c;
  }

  public static Map<String, String> adminConfig(String bootstrap) {
    return Map.of(
        "bootstrap.servers", bootstrap,
        "request.timeout.ms", String.valueOf(ADMIN_TIMEOUT_MS),
        "default.api.timeout.ms", String.valueOf(ADMIN_TIMEOUT_MS));
  }

  /** Creates the missing topics of {@link Topics#ALL}; concurrent members racing to create one is fine. */
  public static Future<Void> ensureTopics(Vertx vertx, StampedeConfig config, String bootstrap) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, adminConfig(bootstrap));
    int partitions = config.get(ConfigKeys.KAFKA_PARTITIONS);
    short replication = config.get(ConfigKeys.KAFKA_REPLICATION).shortValue();
    return admin.listTopics()
        .recover(e -> Future.failedFuture(new InfrastructureException("Kafka at " + bootstrap
            + " is not reachable (" + e.getMessage() + "); start it, or set kafka.bootstrap (--kafka=host:port), "
            + "or leave it empty for the embedded broker", e)))
        .compose(existing -> create(admin, missing(existing), partitions, replication))
        .eventually(admin::close);
  }

  private static List<NewTopic> missing(Set<String> existing) {
    return Topics.ALL.stream().filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 0, (short) 0)).toList();
  }

  private static Map<String, String> topicConfig(String topic, short replication) {
    Map<String, String> config = new HashMap<>();
    config.put("min.insync.replicas", String.valueOf(Math.min(2, (int) replication)));
    if (topic.equals(Topics.ORDER_REHEARSALS)) {
      long retention = Topics.ORDER_REHEARSALS_RETENTION_MS;
      config.put("retention.ms", String.valueOf(retention));
      config.put("segment.ms", String.valueOf(retention / 4));
    }
    return config;
  }

  private static Future<Void> create(KafkaAdminClient admin, List<NewTopic> topics, int partitions, short replication) {
    if (topics.isEmpty()) {
      return Future.succeededFuture();
    }
    topics.forEach(t -> t.setNumPartitions(partitions).setReplicationFactor(replication)
        .setConfig(topicConfig(t.getName(), replication)));
    return admin.createTopics(topics)
        .recover(e -> e instanceof TopicExistsException || e.getCause() instanceof TopicExistsException
            ? Future.succeededFuture() : Future.failedFuture(e));
  }
}
