package io.stampede.launcher;

import java.util.List;
import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.testing.processes.RedisClusterProcesses;
import org.junit.jupiter.api.Test;

/**
 * Fault 2 (Redis Cluster): six redis-server processes, three masters and three replicas; the master
 * holding the drop's slot is killed mid-drop. Replication is asynchronous, so the promoted replica
 * may lack the last reservations: the drop's state carries the epoch it was written in, the new
 * master's epoch differs, and the drop pauses (503) until its counters are rebuilt from Postgres.
 */
class RedisFailoverFaultIT {

  @Test
  void aFailoverPausesTheDropUntilItsCountersAreRebuiltAndNothingIsOversold() {
    try (RedisClusterProcesses cluster = RedisClusterProcesses.start()) {
      Node node = Members.start(FaultScenario.ALL_SERVICES, FaultScenario.overrides(Map.of(
          ConfigKeys.REDIS_MODE.name(), "cluster",
          ConfigKeys.REDIS_CLUSTER_NODES.name(), cluster.seeds())));
      try (StormRun run = StormRun.start("Redis Cluster master of the drop's slot killed (failover)", node,
          List.of(node.httpPort()), 1500, 12, 80)) {
        String state = run.keys().dropKey(run.drop().dropId(), "state");
        run.pauseAndResume(() -> cluster.killMasterOfAndAwaitFailover(state));
        run.finish();
      } finally {
        Members.stop(node);
      }
    }
  }
}
