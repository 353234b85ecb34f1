package io.stampede.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one) running inside this JVM.
 *
 * <p>Used by {@code java -jar stampede.jar} when no external Kafka is configured, and by the tests
 * (one per test JVM). Its version equals the kafka-clients version that vertx-kafka-client brings,
 * so there is exactly one Kafka on the classpath.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path dataDir;
  private final boolean deleteOnClose;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir, boolean deleteOnClose) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
  }

  /**
   * Starts a broker listening on 127.0.0.1.
   *
   * @param port the client port, or 0 for any free port
   * @param dataDir where the log lives; {@code null} for a temporary directory removed on close
   */
  public static EmbeddedKafka start(int port, Path dataDir) {
    try {
      boolean temporary = dataDir == null;
      Path dir = temporary ? Files.createTempDirectory("stampede-kafka-") : dataDir;
      Files.createDirectories(dir);
      int[] free = freePorts(2);
      int brokerPort = port == 0 ? free[0] : port;
      int controllerPort = free[1];
      Properties props = brokerProperties(dir, brokerPort, controllerPort);
      format(dir, props);

      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap, dir, temporary);
      kafka.awaitReady();
      LOG.info("embedded Kafka ready at {}", bootstrap);
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Kafka could not prepare its data directory", e);
    }
  }

  /**
   * Runs the broker in a process of its own until it is stopped (SIGTERM or Ctrl-C), for a member
   * whose broker should not share its JVM (the benchmarks' {@code BENCH_KAFKA=separate}):
   * {@code java -cp stampede.jar io.stampede.kafka.embedded.EmbeddedKafka [port] [data-dir]}.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
    Path dataDir = args.length > 1 ? Path.of(args[1]) : null;
    EmbeddedKafka kafka = start(port, dataDir);
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-shutdown"));
    System.out.println("kafka ready at " + kafka.bootstrapServers());
    Thread.currentThread().join();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    if (deleteOnClose) {
      deleteRecursively(dataDir);
    }
  }

  private static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.putAll(Map.ofEntries(
        Map.entry("node.id", "1"),
        Map.entry("process.roles", "broker,controller"),
        Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
        Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", dir.toAbsolutePath().toString()),
        Map.entry("auto.create.topics.enable", "false"),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "4"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "2"),
        Map.entry("min.insync.replicas", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        // After a crash the controller fences the old broker registration only when its session
        // expires; the 9 s default would hold a restart of this single node that long.
        Map.entry("broker.session.timeout.ms", "1500"),
        Map.entry("broker.heartbeat.interval.ms", "300"),
        // The default 128 MiB dedupe buffer sits on the heap; a dev broker needs almost none.
        Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024)),
        Map.entry("num.network.threads", "2"),
        Map.entry("num.io.threads", "2"),
        Map.entry("background.threads", "2"),
        Map.entry("num.recovery.threads.per.data.dir", "1")));
    return p;
  }

  /** KRaft needs a formatted log directory; {@code execute} returns an exit code instead of exiting. */
  private static void format(Path dir, Properties props) throws IOException {
    Path configFile = dir.resolve("embedded-server.properties");
    try (var out = Files.newBufferedWriter(configFile)) {
      props.store(out, "written by Stampede's embedded Kafka");
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code = StorageTool.execute(new String[] {
          "format", "-t", clusterId(dir), "-c", configFile.toString(), "--ignore-formatted"});
    } finally {
      System.setOut(previous);
    }
    if (code != 0) {
      throw new IllegalStateException("formatting the Kafka log directory failed: " + captured.toString(StandardCharsets.UTF_8));
    }
  }

  /** A directory formatted before keeps its cluster id, or the broker refuses to start on it. */
  private static String clusterId(Path dir) throws IOException {
    Path meta = dir.resolve("meta.properties");
    if (Files.exists(meta)) {
      Properties existing = new Properties();
      try (var in = Files.newBufferedReader(meta)) {
        existing.load(in);
      }
      String id = existing.getProperty("cluster.id");
      if (id != null && !id.isBlank()) {
        return id;
      }
    }
    return Uuid.randomUuid().toString();
  }

  private void awaitReady() {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin client = Admin.create(admin)) {
      while (true) {
        try {
          if (!client.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          if (System.nanoTime() > deadline) {
            close();
            throw new IllegalStateException("embedded Kafka did not become ready within " + READY_TIMEOUT, e);
          }
        }
        if (System.nanoTime() > deadline) {
          close();
          throw new IllegalStateException("embedded Kafka did not become ready within " + READY_TIMEOUT);
        }
      }
    }
  }

  /**
   * Ports that are free now and all different. Every socket stays open until all are chosen: asked
   * one after the other, the kernel may hand out a port just closed again, and the broker then
   * refuses a client and a controller listener on the same port.
   */
  private static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.toString());
    }
  }
}
