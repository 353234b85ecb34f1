package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.testing.processes.PostgresProcess;
import org.junit.jupiter.api.Test;

/**
 * Fault 3: Postgres stops for 20 s in the middle of a burst. The order path never waits on Postgres,
 * so orders keep being accepted (Kafka holds them); once it is back, each is written exactly once.
 */
class PostgresOutageFaultIT {

  private static final Duration OUTAGE = Duration.ofSeconds(20);

  @Test
  void ordersAreAcceptedWhilePostgresIsDownAndEachIsWrittenOnceAfter() throws InterruptedException {
    try (PostgresProcess postgres = PostgresProcess.start()) {
      Node node = Members.start(FaultScenario.ALL_SERVICES, FaultScenario.overrides(Map.of(
          ConfigKeys.POSTGRES_PORT.name(), String.valueOf(postgres.port()),
          ConfigKeys.POSTGRES_USER.name(), "postgres")));
      try (StormRun run = StormRun.start("Postgres stopped for 20 s mid-burst", node, List.of(node.httpPort()), 4000, 12,
          80)) {
        run.audit().faultBegins();
        postgres.stopServer();
        int before = run.storm().orderByKey().size();
        run.storm().awaitAccepted(200, OUTAGE);
        run.holdFaultFor(OUTAGE);
        int duringOutage = run.storm().orderByKey().size() - before;
        postgres.startServer();
        run.audit().faultEnds();

        run.finish();
        assertThat(duringOutage).as("orders accepted while Postgres was down").isGreaterThanOrEqualTo(200);
      } finally {
        Members.stop(node);
      }
    }
  }
}
