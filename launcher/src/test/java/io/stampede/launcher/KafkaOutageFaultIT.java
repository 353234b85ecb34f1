package io.stampede.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.stampede.kafka.embedded.EmbeddedKafka;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.testing.FreePorts;
import io.stampede.testing.Poll;
import io.stampede.testing.processes.ChildProcess;
import org.junit.jupiter.api.Test;

/**
 * Fault 4: the (external) Kafka broker is stopped for 10 s mid-burst, then started again on the same
 * port and data. An order Kafka cannot take is undone and answered 503 with Retry-After; when the
 * broker is back, orders flow again and every unit is accounted for.
 */
class KafkaOutageFaultIT {

  private static final Duration OUTAGE = Duration.ofSeconds(10);

  @Test
  void buyersGet503WhileTheBrokerIsDownAndNoStockIsLost() throws Exception {
    int port = FreePorts.next();
    Path data = Files.createTempDirectory("stampede-kafka-fault-");
    EmbeddedKafka broker = EmbeddedKafka.start(port, data);
    Node node = Members.start(FaultScenario.ALL_SERVICES, FaultScenario.overrides(Map.of(
        ConfigKeys.KAFKA_BOOTSTRAP.name(), broker.bootstrapServers())));
    try (StormRun run = StormRun.start("Kafka broker stopped for 10 s mid-burst", node, List.of(node.httpPort()), 2000, 12,
        80)) {
      run.audit().faultBegins();
      broker.close();
      Poll.until("buyers are told 503 while the broker is down", OUTAGE,
          () -> run.storm().answers().containsKey("503 UNAVAILABLE"));
      run.holdFaultFor(OUTAGE);
      broker = EmbeddedKafka.start(port, data);
      run.audit().faultEnds();

      run.storm().awaitAccepted(100, Duration.ofSeconds(60));
      run.finish();
    } finally {
      Members.stop(node);
      broker.close();
      ChildProcess.deleteRecursively(data);
    }
  }
}
