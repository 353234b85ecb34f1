package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * An operator's stop (SIGTERM) of a member running every service is quiet: its services stop
 * while the pools and clients they share are still open, so nothing fails on the way out.
 */
class ShutdownIT {

  @Test
  void aMemberAskedToStopLeavesWithoutAWarning() {
    Node seed = Members.start("gateway");
    try (ChildMember member = ChildMember.join(seed, "gateway,auth,users,creators,drops,orders,notifications", Map.of())) {
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
