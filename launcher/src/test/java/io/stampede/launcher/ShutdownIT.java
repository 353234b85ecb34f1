package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import org.junit.jupiter.api.Test;

/**
 * An operator's stop (SIGTERM) of a member running every service is quiet: its background rounds
 * stop while the pools they use are still open, so nothing fails on the way out. The reconciler's
 * drift comparison runs every 100 ms here (the scheduler ticks every 200 ms). A guard, not a
 * proof: the race it names depends on how long Vert.x's close takes, which is short for an idle
 * member, and with the quiesce taken out this test passed 4 times of 4. The evidence for the fix is
 * the bench member's stop after load (perf/RESULTS.md, the twenty-third machine: 2 of 6 stops
 * warned before, 0 of 6 after); this test keeps any other warning on the way out from creeping in.
 */
class ShutdownIT {

  @Test
  void aMemberAskedToStopLeavesWithoutAWarning() {
    Node seed = Members.start("gateway");
    try (ChildMember member = ChildMember.join(seed, "gateway,auth,users,creators,drops,orders,notifications",
        Map.of(ConfigKeys.ORDERS_RECONCILE_INTERVAL_MS.name(), "100"))) {
      member.terminate();
      String output = member.output();
      assertThat(output).contains("stampede: stopped");
      assertThat(output.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList())
          .as("warnings and errors on the way out").isEmpty();
    } finally {
      Members.stop(seed);
    }
  }
}
