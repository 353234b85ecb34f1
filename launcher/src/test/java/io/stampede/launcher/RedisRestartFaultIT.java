package io.stampede.launcher;

import java.util.List;
import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.testing.processes.RedisServerProcess;
import org.junit.jupiter.api.Test;

/**
 * Fault 2 (single node): the Redis server is killed and comes back empty mid-drop. Orders for the
 * drop pause with 503 until the reconciler has rebuilt its counters from Postgres (after every
 * order already in Kafka is written), then resume; nothing is oversold or sold twice.
 */
class RedisRestartFaultIT {

  @Test
  void ordersPauseUntilTheCountersAreRebuiltAndNothingIsOversold() {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      Node node = Members.start(FaultScenario.ALL_SERVICES, FaultScenario.overrides(Map.of(
          ConfigKeys.REDIS_URL.name(), redis.url())));
      try (StormRun run = StormRun.start("Redis restarted empty mid-drop (single node)", node, List.of(node.httpPort()),
          1500, 12, 80)) {
        run.pauseAndResume(redis::restartEmpty);
        run.finish();
      } finally {
        Members.stop(node);
      }
    }
  }
}
